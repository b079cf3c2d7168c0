using MedVid.Video;

namespace MedVid.Phantoms.Tests;

/// <summary>
/// Renders a phantom, encodes it to H.264 MP4, and decodes it again (optionally at a smaller
/// analysis size): the estimators are always tested on what survives lossy coding.
/// </summary>
internal static class RoundTrip
{
    public static async Task<List<RgbFrame>> ThroughMp4Async(PhantomSpec spec, int? width = null, int? height = null)
    {
        var path = Path.Combine(Path.GetTempPath(), $"medvid-phantom-{Guid.NewGuid():N}.mp4");
        try
        {
            await PhantomRenderer.RenderMp4Async(spec, path);
            return await VideoDecoder.DecodeAllAsync(path, new DecodeOptions(Width: width, Height: height));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
