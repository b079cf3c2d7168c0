namespace MedVid.Video;

/// <summary>
/// Outputs are written next to their destination under a temporary name and moved into place
/// only when ffmpeg succeeded, so a reader never sees a half-written video or poster.
/// </summary>
internal static class PartialFile
{
    public static string For(string output)
    {
        var full = Path.GetFullPath(output);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.partial");
    }

    public static void Commit(string partial, string output)
    {
        if (!File.Exists(partial) || new FileInfo(partial).Length == 0)
            throw new FfmpegException("ffmpeg", 0, $"ffmpeg reported success but wrote nothing to {output}");
        File.Move(partial, output, overwrite: true);
    }

    public static void Discard(string partial)
    {
        try
        {
            File.Delete(partial);
        }
        catch (IOException)
        {
            // Best effort: a leftover hidden .partial file is harmless and the original error matters more.
        }
    }
}
