namespace MedVid.Video.Tests;

public sealed class VideoDecoderTests : TempFolderTest
{
    [Fact]
    public async Task Native_decode_gives_every_frame_at_full_size()
    {
        var path = await TestVideos.TestPatternAsync(Temp.File("pattern.mp4"), 160, 120, seconds: 2, fps: 15);

        var frames = await VideoDecoder.DecodeAllAsync(path, DecodeOptions.Native);

        Assert.Equal(30, frames.Count);
        Assert.All(frames, f => Assert.Equal((160, 120, 160 * 120 * 3), (f.Width, f.Height, f.Pixels.Length)));
    }

    [Fact]
    public async Task Ffmpeg_scales_and_resamples_to_the_analysis_size_and_rate()
    {
        var path = await TestVideos.TestPatternAsync(Temp.File("pattern.mp4"), 320, 240, seconds: 2, fps: 30);

        var frames = await VideoDecoder.DecodeAllAsync(path, new DecodeOptions(Width: 64, Height: 64, Fps: 10));

        Assert.Equal(20, frames.Count);
        Assert.All(frames, f => Assert.Equal((64, 64, 64 * 64 * 3), (f.Width, f.Height, f.Pixels.Length)));
    }

    [Fact]
    public async Task One_side_alone_keeps_the_aspect_ratio()
    {
        var path = await TestVideos.TestPatternAsync(Temp.File("pattern.mp4"), 320, 240, seconds: 1);

        var frame = (await VideoDecoder.DecodeAllAsync(path, new DecodeOptions(Width: 80, MaxFrames: 1))).Single();

        Assert.Equal((80, 60), (frame.Width, frame.Height));
    }

    [Fact]
    public async Task Start_duration_and_max_frames_select_a_window()
    {
        var path = Temp.File("colours.mp4");
        await VideoEncoder.EncodeAsync(TestVideos.FlatColourFrames(32, 32, 20), fps: 10, path);

        var window = await VideoDecoder.DecodeAllAsync(path, new DecodeOptions(Start: TimeSpan.FromSeconds(0.5), Duration: TimeSpan.FromSeconds(0.8)));
        var limited = await VideoDecoder.DecodeAllAsync(path, new DecodeOptions(MaxFrames: 3));

        Assert.Equal(8, window.Count);
        var (firstRed, _, _) = TestVideos.MeanColour(window[0]);
        Assert.InRange(firstRed, TestVideos.ColourOf(5).R - 4, TestVideos.ColourOf(5).R + 4);
        Assert.Equal(3, limited.Count);
    }

    [Fact]
    public async Task Rotated_videos_come_out_upright()
    {
        var source = await TestVideos.TestPatternAsync(Temp.File("source.mp4"), 160, 120, seconds: 1);
        var rotated = await TestVideos.RotatedCopyAsync(source, Temp.File("rotated.mp4"), 90);

        var frame = (await VideoDecoder.DecodeAllAsync(rotated, new DecodeOptions(MaxFrames: 1))).Single();

        Assert.Equal((120, 160), (frame.Width, frame.Height));
    }

    [Fact]
    public async Task Stopping_early_returns_promptly_without_reading_the_rest()
    {
        var path = await TestVideos.TestPatternAsync(Temp.File("long.mp4"), 320, 240, seconds: 20, fps: 30);
        var count = 0;
        var watch = System.Diagnostics.Stopwatch.StartNew();

        await foreach (var _ in VideoDecoder.DecodeAsync(path, DecodeOptions.Native))
        {
            if (++count == 2)
                break;
        }

        Assert.Equal(2, count);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"breaking out took {watch.Elapsed}");
    }

    [Fact]
    public async Task Cancellation_stops_the_stream()
    {
        var path = await TestVideos.TestPatternAsync(Temp.File("clip.mp4"), 160, 120, seconds: 4);
        using var cts = new CancellationTokenSource();
        var count = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in VideoDecoder.DecodeAsync(path, DecodeOptions.Native, cts.Token))
            {
                if (++count == 3)
                    cts.Cancel();
            }
        });
        Assert.Equal(3, count);
    }

    [Fact]
    public async Task Bad_inputs_fail_clearly()
    {
        var text = Temp.File("notes.txt");
        await File.WriteAllTextAsync(text, "not a video");

        await Assert.ThrowsAsync<FileNotFoundException>(() => VideoDecoder.DecodeAllAsync(Temp.File("absent.mp4"), DecodeOptions.Native));
        await Assert.ThrowsAsync<InvalidVideoException>(() => VideoDecoder.DecodeAllAsync(text, DecodeOptions.Native));
        await Assert.ThrowsAsync<ArgumentException>(() => VideoDecoder.DecodeAllAsync(text, new DecodeOptions(Width: 0)));
    }
}
