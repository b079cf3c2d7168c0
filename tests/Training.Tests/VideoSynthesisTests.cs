using MedVid.Models.Text;
using MedVid.Training.Generation;
using MedVid.Training.Model;
using MedVid.Video;

namespace MedVid.Training.Tests;

/// <summary>Generation writes the frame size it was asked for, also when width and height differ.</summary>
public sealed class VideoSynthesisTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("medvid-synthesis-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData(48, 32)]
    [InlineData(32, 64)]
    public async Task A_non_square_request_becomes_an_mp4_of_that_width_and_height(int width, int height)
    {
        using var model = new TextToVideoModel(ModelSizes.Get("tiny"), CaptionTokenizer.Build(["a video"]));
        var request = new VideoRequest("a video", 1, "ddim", 2, 2.0, 0, "leading", 4, width, height);
        var file = Path.Combine(_root, $"{width}x{height}.mp4");

        await VideoSynthesis.WriteAsync(model, request, 8, file, request, null, CancellationToken.None);

        var info = await VideoProbe.ProbeAsync(file);
        Assert.Equal((width, height), (info.Width, info.Height));
    }
}
