using MedVid.Video;

namespace MedVid.Phantoms.Tests;

public sealed class PhantomRendererTests
{
    [Fact]
    public async Task Writes_a_playable_mp4_with_every_frame()
    {
        var spec = new MicroscopyPhantom(4, Width: 96, Height: 64, Frames: 20, Fps: 10);
        var path = Path.Combine(Path.GetTempPath(), $"medvid-phantom-{Guid.NewGuid():N}.mp4");
        try
        {
            await PhantomRenderer.RenderMp4Async(spec, path);

            var info = await VideoProbe.ProbeAsync(path);
            Assert.Equal(("h264", 96, 64, 20L), (info.Codec, info.Width, info.Height, info.FrameCount));
            Assert.Equal(2.0, info.Duration.TotalSeconds, precision: 2);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
