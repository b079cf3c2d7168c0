namespace MedVid.Video.Tests;

public sealed class FfmpegToolTests
{
    [Fact]
    public void Finds_ffmpeg_and_ffprobe_on_the_path()
    {
        Assert.True(FfmpegTool.IsAvailable);
        Assert.True(File.Exists(FfmpegTool.FfmpegPath));
        Assert.EndsWith("ffprobe", FfmpegTool.FfprobePath);
    }

    [Fact]
    public void Locate_returns_null_when_no_directory_on_the_path_holds_the_tool()
    {
        using var empty = new TempFolder();
        Assert.Null(FfmpegTool.Locate("ffmpeg", empty.Path));
        Assert.Null(FfmpegTool.Locate("ffmpeg", ""));
    }

    [Fact]
    public void Locate_searches_every_directory_of_the_path()
    {
        using var empty = new TempFolder();
        var ffmpegDirectory = Path.GetDirectoryName(FfmpegTool.FfmpegPath)!;
        var searchPath = string.Join(Path.PathSeparator, empty.Path, ffmpegDirectory);
        Assert.Equal(FfmpegTool.FfmpegPath, FfmpegTool.Locate("ffmpeg", searchPath));
    }

    [Fact]
    public void The_missing_tool_message_tells_how_to_install_it()
    {
        Assert.Equal("ffmpeg is not installed (apt-get install ffmpeg)", FfmpegTool.MissingMessage);
    }

    [Fact]
    public async Task A_failing_run_reports_ffmpegs_own_error_text()
    {
        var error = await Assert.ThrowsAsync<FfmpegException>(
            () => FfmpegTool.RunFfmpegAsync(["-v", "error", "-i", "/nonexistent/medvid-input.mp4", "-f", "null", "-"]));
        Assert.NotEqual(0, error.ExitCode);
        Assert.Contains("No such file or directory", error.Message);
    }
}
