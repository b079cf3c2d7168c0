using MedVid.Video;

namespace MedVid.Phantoms.Rendering;

/// <summary>A float RGB image (0..255 nominal) that phantoms paint into, then clamp to an <see cref="RgbFrame"/>.</summary>
internal sealed class Canvas(int width, int height)
{
    private readonly float[] _rgb = new float[width * height * 3];

    public int Width { get; } = width;
    public int Height { get; } = height;

    public void Set(int x, int y, double r, double g, double b)
    {
        var i = (y * Width + x) * 3;
        _rgb[i] = (float)r;
        _rgb[i + 1] = (float)g;
        _rgb[i + 2] = (float)b;
    }

    public void SetGray(int x, int y, double value) => Set(x, y, value, value, value);

    public RgbFrame ToFrame()
    {
        var pixels = new byte[_rgb.Length];
        for (var i = 0; i < pixels.Length; i++)
            pixels[i] = (byte)Math.Clamp(Math.Round(_rgb[i]), 0, 255);
        return new RgbFrame(Width, Height, pixels);
    }
}
