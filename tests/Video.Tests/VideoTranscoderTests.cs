namespace MedVid.Video.Tests;

public sealed class VideoTranscoderTests : TempFolderTest
{
    [Theory]
    [InlineData(640, 1000, 460, 720)]
    [InlineData(320, 240, 320, 240)]
    [InlineData(1921, 1081, 1280, 720)]
    [InlineData(101, 75, 100, 74)]
    public void Proxy_size_is_capped_at_720_lines_with_even_sides(int width, int height, int proxyWidth, int proxyHeight)
    {
        Assert.Equal((proxyWidth, proxyHeight), VideoTranscoder.ProxySize(width, height));
    }

    [Fact]
    public async Task Proxy_is_h264_faststart_under_720_lines_and_reports_progress_to_one()
    {
        var source = await TestVideos.TestPatternAsync(Temp.File("tall.mp4"), 640, 1000, seconds: 1, fps: 10);
        var proxy = Temp.File("proxy.mp4");
        var reports = new List<double>();

        await VideoTranscoder.MakeProxyAsync(source, proxy, new SynchronousProgress(reports.Add));

        var info = await VideoProbe.ProbeAsync(proxy);
        Assert.Equal(("h264", 460, 720), (info.Codec, info.Width, info.Height));
        Assert.Equal(10, info.FrameCount);
        var boxes = TestVideos.TopLevelBoxes(proxy);
        Assert.True(boxes.IndexOf("moov") < boxes.IndexOf("mdat"));
        Assert.Equal(0, reports[0]);
        Assert.Equal(1, reports[^1]);
        Assert.Equal(reports.OrderBy(r => r), reports);
    }

    [Fact]
    public async Task Proxy_of_a_rotated_video_is_upright_without_rotation_metadata()
    {
        var source = await TestVideos.TestPatternAsync(Temp.File("source.mp4"), 160, 120, seconds: 1);
        var rotated = await TestVideos.RotatedCopyAsync(source, Temp.File("rotated.mp4"), 90);
        var proxy = Temp.File("proxy.mp4");

        await VideoTranscoder.MakeProxyAsync(rotated, proxy);

        var info = await VideoProbe.ProbeAsync(proxy);
        Assert.Equal((120, 160, 0), (info.Width, info.Height, info.Rotation));
    }

    [Fact]
    public async Task Cancelling_a_proxy_kills_ffmpeg_and_leaves_no_output()
    {
        var source = await TestVideos.TestPatternAsync(Temp.File("long.mp4"), 1280, 720, seconds: 30, fps: 30);
        var proxy = Temp.File("proxy.mp4");
        using var cts = new CancellationTokenSource();
        var progress = new SynchronousProgress(p =>
        {
            if (p > 0)
                cts.Cancel();
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => VideoTranscoder.MakeProxyAsync(source, proxy, progress, cts.Token));

        Assert.Equal(["long.mp4"], Directory.GetFiles(Temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Poster_is_a_jpeg_of_the_frame_at_a_tenth_of_the_duration()
    {
        var path = Temp.File("colours.mp4");
        await VideoEncoder.EncodeAsync(TestVideos.FlatColourFrames(64, 64, 20), fps: 5, path);
        var poster = Temp.File("poster.jpg");

        await VideoTranscoder.MakePosterAsync(path, poster);

        var bytes = await File.ReadAllBytesAsync(poster);
        Assert.Equal([0xFF, 0xD8], bytes[..2]);
        // 10% of 4 s is 0.4 s, frame 2 at 5 fps: decode the JPEG and compare its colour.
        var decoded = (await DecodeImageAsync(poster)).Single();
        var (red, _, _) = TestVideos.MeanColour(decoded);
        Assert.InRange(red, TestVideos.ColourOf(2).R - 5, TestVideos.ColourOf(2).R + 5);
    }

    [Fact]
    public async Task Poster_of_a_short_clip_is_its_first_frame()
    {
        var path = Temp.File("short.mp4");
        await VideoEncoder.EncodeAsync(TestVideos.FlatColourFrames(64, 64, 4), fps: 10, path);
        var poster = Temp.File("poster.jpg");

        await VideoTranscoder.MakePosterAsync(path, poster);

        var (red, _, _) = TestVideos.MeanColour((await DecodeImageAsync(poster)).Single());
        Assert.InRange(red, TestVideos.ColourOf(0).R - 5, TestVideos.ColourOf(0).R + 5);
    }

    [Fact]
    public async Task Transcoding_a_non_video_fails_and_writes_nothing()
    {
        var text = Temp.File("notes.txt");
        await File.WriteAllTextAsync(text, "not a video");

        await Assert.ThrowsAsync<InvalidVideoException>(() => VideoTranscoder.MakeProxyAsync(text, Temp.File("proxy.mp4")));
        await Assert.ThrowsAsync<InvalidVideoException>(() => VideoTranscoder.MakePosterAsync(text, Temp.File("poster.jpg")));
        Assert.Equal(["notes.txt"], Directory.GetFiles(Temp.Path).Select(Path.GetFileName));
    }

    private static async Task<List<RgbFrame>> DecodeImageAsync(string jpeg)
    {
        // ffmpeg decodes the JPEG back to pixels; the probe would rightly refuse a still image, so read it raw.
        var result = await FfmpegTool.RunFfprobeAsync(["-v", "error", "-show_entries", "stream=width,height", "-of", "csv=p=0", jpeg]);
        var size = result.Stdout.Trim().Split(',').Select(int.Parse).ToArray();
        var raw = jpeg + ".rgb";
        await FfmpegTool.RunFfmpegAsync(["-v", "error", "-y", "-i", jpeg, "-f", "rawvideo", "-pix_fmt", "rgb24", raw]);
        return [new RgbFrame(size[0], size[1], await File.ReadAllBytesAsync(raw))];
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; tests need the reports in order, as they happen.</summary>
    private sealed class SynchronousProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
