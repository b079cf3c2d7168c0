namespace MedVid.Video.Tests;

/// <summary>Builds the test inputs at test time: synthetic frames and ffmpeg's lavfi test sources.</summary>
internal static class TestVideos
{
    /// <summary>
    /// Frames whose whole picture is one flat colour that changes with the index, so a decoded
    /// frame can be matched to its source frame despite lossy coding.
    /// </summary>
    public static IEnumerable<RgbFrame> FlatColourFrames(int width, int height, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var frame = RgbFrame.Blank(width, height);
            var (r, g, b) = ColourOf(i);
            for (var p = 0; p < frame.Pixels.Length; p += 3)
            {
                frame.Pixels[p] = r;
                frame.Pixels[p + 1] = g;
                frame.Pixels[p + 2] = b;
            }
            yield return frame;
        }
    }

    /// <summary>Red steps up with the index; green and blue stay fixed so only the index varies.</summary>
    public static (byte R, byte G, byte B) ColourOf(int index) => ((byte)Math.Min(255, 20 + index * 8), 60, 180);

    public static (double R, double G, double B) MeanColour(RgbFrame frame)
    {
        double r = 0, g = 0, b = 0;
        for (var p = 0; p < frame.Pixels.Length; p += 3)
        {
            r += frame.Pixels[p];
            g += frame.Pixels[p + 1];
            b += frame.Pixels[p + 2];
        }
        var n = frame.Width * frame.Height;
        return (r / n, g / n, b / n);
    }

    /// <summary>An H.264 MP4 from ffmpeg's testsrc pattern; <paramref name="faststart"/> puts the index first.</summary>
    public static async Task<string> TestPatternAsync(string path, int width, int height, double seconds, int fps = 15, bool faststart = true)
    {
        var arguments = new List<string>
        {
            "-v", "error", "-y", "-f", "lavfi", "-i", $"testsrc=size={width}x{height}:rate={fps}",
            "-t", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
        };
        if (faststart)
            arguments.AddRange(["-movflags", "+faststart"]);
        arguments.Add(path);
        await FfmpegTool.RunFfmpegAsync(arguments);
        return path;
    }

    /// <summary>Copies a video with a display-matrix rotation of <paramref name="degrees"/> (counterclockwise).</summary>
    public static async Task<string> RotatedCopyAsync(string source, string path, int degrees)
    {
        await FfmpegTool.RunFfmpegAsync(["-v", "error", "-y", "-i", source, "-c", "copy", "-metadata:s:v:0", $"rotate={degrees}", path]);
        return path;
    }

    /// <summary>Keeps the first <paramref name="fraction"/> of a file's bytes, as an interrupted upload would.</summary>
    public static string Truncate(string source, string path, double fraction)
    {
        var bytes = File.ReadAllBytes(source);
        File.WriteAllBytes(path, bytes.AsSpan(0, (int)(bytes.Length * fraction)).ToArray());
        return path;
    }

    /// <summary>Top-level MP4 box types in file order.</summary>
    public static List<string> TopLevelBoxes(string path)
    {
        var boxes = new List<string>();
        var bytes = File.ReadAllBytes(path);
        long offset = 0;
        while (offset + 8 <= bytes.Length)
        {
            long size = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan((int)offset));
            boxes.Add(System.Text.Encoding.ASCII.GetString(bytes, (int)offset + 4, 4));
            if (size == 1)
                size = (long)System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan((int)offset + 8));
            if (size < 8)
                break;
            offset += size;
        }
        return boxes;
    }
}
