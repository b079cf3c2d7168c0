namespace MedVid.Video;

/// <summary>One decoded frame: packed 8-bit RGB, row-major, no padding (Pixels.Length == Width*Height*3).</summary>
public sealed record RgbFrame(int Width, int Height, byte[] Pixels)
{
    public static RgbFrame Blank(int width, int height) => new(width, height, new byte[width * height * 3]);

    public int Index(int x, int y) => (y * Width + x) * 3;
}
