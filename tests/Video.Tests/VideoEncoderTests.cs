namespace MedVid.Video.Tests;

public sealed class VideoEncoderTests : TempFolderTest
{
    [Fact]
    public async Task Writes_a_browser_playable_h264_mp4_with_the_index_first()
    {
        var path = Temp.File("clip.mp4");
        await VideoEncoder.EncodeAsync(TestVideos.FlatColourFrames(64, 48, 24), fps: 12, path);

        var info = await VideoProbe.ProbeAsync(path);
        Assert.Equal("h264", info.Codec);
        Assert.Equal((64, 48), (info.Width, info.Height));
        Assert.Equal(24, info.FrameCount);
        Assert.Equal(12.0, info.Fps, precision: 3);
        Assert.Equal(2.0, info.Duration.TotalSeconds, precision: 2);
        Assert.Equal("yuv420p", await PixelFormatAsync(path));
        var boxes = TestVideos.TopLevelBoxes(path);
        Assert.True(boxes.IndexOf("moov") < boxes.IndexOf("mdat"), $"moov must precede mdat for streaming: {string.Join(",", boxes)}");
    }

    [Fact]
    public async Task Odd_sizes_are_padded_to_even_dimensions()
    {
        var path = Temp.File("odd.mp4");
        await VideoEncoder.EncodeAsync(TestVideos.FlatColourFrames(65, 33, 4), fps: 10, path);

        var info = await VideoProbe.ProbeAsync(path);
        Assert.Equal((66, 34), (info.Width, info.Height));
        // The padding repeats the edge, so the padded column has the frame's colour, not black.
        var first = (await VideoDecoder.DecodeAllAsync(path, DecodeOptions.Native))[0];
        var edge = first.Index(65, 33);
        Assert.InRange(first.Pixels[edge + 2], 160, 200);
    }

    [Fact]
    public async Task Frames_survive_the_round_trip_in_order_and_colour()
    {
        var path = Temp.File("order.mp4");
        await VideoEncoder.EncodeAsync(TestVideos.FlatColourFrames(32, 32, 20), fps: 10, path);

        var decoded = await VideoDecoder.DecodeAllAsync(path, DecodeOptions.Native);

        Assert.Equal(20, decoded.Count);
        for (var i = 0; i < decoded.Count; i++)
        {
            var (r, g, b) = TestVideos.MeanColour(decoded[i]);
            var expected = TestVideos.ColourOf(i);
            Assert.InRange(r, expected.R - 4, expected.R + 4);
            Assert.InRange(g, expected.G - 4, expected.G + 4);
            Assert.InRange(b, expected.B - 4, expected.B + 4);
        }
    }

    [Fact]
    public async Task Accepts_an_async_frame_stream()
    {
        var path = Temp.File("async.mp4");
        await VideoEncoder.EncodeAsync(AsyncFrames(TestVideos.FlatColourFrames(32, 32, 6)), fps: 6, path);
        Assert.Equal(6, (await VideoProbe.ProbeAsync(path)).FrameCount);
    }

    [Fact]
    public async Task Frames_of_different_sizes_are_refused_and_leave_no_file()
    {
        var path = Temp.File("mixed.mp4");
        var frames = TestVideos.FlatColourFrames(32, 32, 3).Append(RgbFrame.Blank(16, 16));

        await Assert.ThrowsAsync<ArgumentException>(() => VideoEncoder.EncodeAsync(frames, 10, path));
        Assert.Empty(Directory.GetFiles(Temp.Path));
    }

    [Fact]
    public async Task An_empty_sequence_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => VideoEncoder.EncodeAsync(Array.Empty<RgbFrame>(), 10, Temp.File("none.mp4")));
    }

    [Fact]
    public async Task Cancelling_stops_ffmpeg_and_removes_the_partial_output()
    {
        var path = Temp.File("cancelled.mp4");
        using var cts = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => VideoEncoder.EncodeAsync(EndlessFrames(cts, cancelAfter: 10), 10, path, cts.Token));
        Assert.Empty(Directory.GetFiles(Temp.Path));
    }

    private static IEnumerable<RgbFrame> EndlessFrames(CancellationTokenSource cts, int cancelAfter)
    {
        for (var i = 0; ; i++)
        {
            if (i == cancelAfter)
                cts.Cancel();
            yield return RgbFrame.Blank(64, 64);
        }
    }

    private static async IAsyncEnumerable<RgbFrame> AsyncFrames(IEnumerable<RgbFrame> frames)
    {
        foreach (var frame in frames)
        {
            await Task.Yield();
            yield return frame;
        }
    }

    private static async Task<string> PixelFormatAsync(string path)
    {
        var result = await FfmpegTool.RunFfprobeAsync(
            ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=pix_fmt", "-of", "default=nw=1:nk=1", path]);
        return result.Stdout.Trim();
    }
}
