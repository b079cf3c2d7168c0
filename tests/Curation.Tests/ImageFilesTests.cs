using System.Diagnostics;
using MedVid.Curation.Imaging;

namespace MedVid.Curation.Tests;

public sealed class ImageFilesTests
{
    [Fact]
    public void Png_decodes_with_ffmpeg_checking_crcs_to_the_same_pixels()
    {
        var frame = SyntheticFrames.Noise(37, 21, seed: 4);
        var path = Path.Combine(Path.GetTempPath(), $"medvid-png-{Guid.NewGuid():N}.png");
        try
        {
            File.WriteAllBytes(path, ImageFiles.ToPng(frame));
            Assert.Equal(frame.Pixels, DecodeStrict(path));

            // The check is real: a flipped byte in the IHDR chunk's CRC (bytes 29-32) is refused.
            var corrupt = File.ReadAllBytes(path);
            corrupt[30] ^= 0xFF;
            File.WriteAllBytes(path, corrupt);
            Assert.Throws<InvalidOperationException>(() => DecodeStrict(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Pgm_has_header_and_clamped_bytes()
    {
        var image = new GrayImage(3, 1, [-5f, 127.6f, 300f]);
        var pgm = ImageFiles.ToPgm(image);
        Assert.Equal("P5\n3 1\n255\n"u8.ToArray().Concat(new byte[] { 0, 128, 255 }), pgm);
    }

    private static byte[] DecodeStrict(string path)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-hide_banner", "-loglevel", "error", "-err_detect", "crccheck+explode", "-i", path, "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1" })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        using var buffer = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(buffer);
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 || buffer.Length == 0) throw new InvalidOperationException($"ffmpeg rejected the PNG: {error}");
        return buffer.ToArray();
    }
}
