namespace MedVid.Video.Tests;

public sealed class VideoProbeTests : TempFolderTest
{
    [Fact]
    public async Task Reads_duration_rate_size_codec_and_frame_count()
    {
        var path = await TestVideos.TestPatternAsync(Temp.File("pattern.mp4"), 160, 120, seconds: 2, fps: 15);

        var info = await VideoProbe.ProbeAsync(path);

        Assert.Equal(2.0, info.Duration.TotalSeconds, precision: 1);
        Assert.Equal(15.0, info.Fps, precision: 3);
        Assert.Equal((160, 120), (info.Width, info.Height));
        Assert.Equal("h264", info.Codec);
        Assert.Equal(0, info.Rotation);
        Assert.Equal(30, info.FrameCount);
        Assert.Contains("mp4", info.FormatName);
    }

    [Fact]
    public async Task Reports_rotation_and_the_display_size_it_implies()
    {
        var source = await TestVideos.TestPatternAsync(Temp.File("source.mp4"), 160, 120, seconds: 1);
        var rotated = await TestVideos.RotatedCopyAsync(source, Temp.File("rotated.mp4"), 90);

        var info = await VideoProbe.ProbeAsync(rotated);

        Assert.Equal(90, info.Rotation);
        Assert.Equal((160, 120), (info.Width, info.Height));
        Assert.Equal((120, 160), (info.DisplayWidth, info.DisplayHeight));
    }

    [Fact]
    public async Task A_missing_file_is_reported_as_not_found()
    {
        await Assert.ThrowsAsync<FileNotFoundException>(() => VideoProbe.ProbeAsync(Temp.File("absent.mp4")));
    }

    [Fact]
    public async Task An_empty_file_is_rejected_as_empty()
    {
        var path = Temp.File("empty.mp4");
        await File.WriteAllBytesAsync(path, []);

        var error = await Assert.ThrowsAsync<InvalidVideoException>(() => VideoProbe.ProbeAsync(path));
        Assert.Equal("the file is empty", error.Message);
    }

    [Theory]
    [InlineData("notes.txt")]
    [InlineData("notes-renamed.mp4")]
    public async Task A_text_file_is_rejected_as_not_a_video(string name)
    {
        var path = Temp.File(name);
        await File.WriteAllTextAsync(path, "Patient 17, echo clip to follow.\nThis file is plain text, not a video.\n");

        var error = await Assert.ThrowsAsync<InvalidVideoException>(() => VideoProbe.ProbeAsync(path));
        Assert.Contains("not a video", error.Message);
    }

    [Fact]
    public async Task A_single_png_image_is_rejected_as_having_no_video_stream()
    {
        var path = Temp.File("still.png");
        await FfmpegTool.RunFfmpegAsync(["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=64x64", "-frames:v", "1", path]);

        var error = await Assert.ThrowsAsync<InvalidVideoException>(() => VideoProbe.ProbeAsync(path));
        Assert.StartsWith("no video stream", error.Message);
    }

    [Fact]
    public async Task An_audio_only_file_is_rejected_as_having_no_video_stream()
    {
        var path = Temp.File("tone.m4a");
        await FfmpegTool.RunFfmpegAsync(["-v", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=440:duration=1", "-c:a", "aac", path]);

        var error = await Assert.ThrowsAsync<InvalidVideoException>(() => VideoProbe.ProbeAsync(path));
        Assert.StartsWith("no video stream", error.Message);
    }

    [Fact]
    public async Task A_truncated_mp4_with_the_index_at_the_end_is_rejected()
    {
        var source = await TestVideos.TestPatternAsync(Temp.File("moov-at-end.mp4"), 160, 120, seconds: 3, faststart: false);
        Assert.Equal("moov", TestVideos.TopLevelBoxes(source).Last());
        var truncated = TestVideos.Truncate(source, Temp.File("cut.mp4"), 0.6);

        var error = await Assert.ThrowsAsync<InvalidVideoException>(() => VideoProbe.ProbeAsync(truncated));
        Assert.StartsWith("the file is truncated or corrupt", error.Message);
    }

    [Fact]
    public async Task A_truncated_faststart_mp4_is_rejected_even_though_its_index_survives()
    {
        var source = await TestVideos.TestPatternAsync(Temp.File("faststart.mp4"), 160, 120, seconds: 3, faststart: true);
        Assert.Equal(["ftyp", "moov", "free", "mdat"], TestVideos.TopLevelBoxes(source).Where(b => b != "uuid"));
        var truncated = TestVideos.Truncate(source, Temp.File("cut.mp4"), 0.6);

        var error = await Assert.ThrowsAsync<InvalidVideoException>(() => VideoProbe.ProbeAsync(truncated));
        Assert.StartsWith("the file is truncated or corrupt", error.Message);
        Assert.Contains("mdat", error.Message);
    }

    [Fact]
    public async Task A_truncated_matroska_file_is_caught_by_decoding_its_end()
    {
        // Not an MP4, so the box check cannot help: the tail decode must notice the missing end.
        var source = Temp.File("clip.mkv");
        await FfmpegTool.RunFfmpegAsync(
            ["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=160x120:rate=15", "-t", "4", "-c:v", "libx264", "-preset", "ultrafast", source]);
        await VideoProbe.ProbeAsync(source);
        var truncated = TestVideos.Truncate(source, Temp.File("cut.mkv"), 0.6);

        var error = await Assert.ThrowsAsync<InvalidVideoException>(() => VideoProbe.ProbeAsync(truncated));
        Assert.StartsWith("the file is truncated or corrupt", error.Message);
    }
}
