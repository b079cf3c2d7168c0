using MedVid.Video;

namespace MedVid.Curation.Imaging;

/// <summary>Bilinear resampling and cropping of RGB frames. Downscaling by large factors averages
/// over the source footprint (area sampling) so thumbnails do not alias.</summary>
public static class FrameResizer
{
    public static RgbFrame Resize(RgbFrame source, int width, int height)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), "Target size must be positive.");
        if (width == source.Width && height == source.Height) return source with { Pixels = (byte[])source.Pixels.Clone() };
        double scaleX = (double)source.Width / width, scaleY = (double)source.Height / height;
        if (scaleX >= 2 || scaleY >= 2) return AreaResize(source, width, height, scaleX, scaleY);

        var result = RgbFrame.Blank(width, height);
        for (int y = 0; y < height; y++)
        {
            double sy = Math.Clamp((y + 0.5) * scaleY - 0.5, 0, source.Height - 1);
            int y0 = (int)sy, y1 = Math.Min(y0 + 1, source.Height - 1);
            double fy = sy - y0;
            for (int x = 0; x < width; x++)
            {
                double sx = Math.Clamp((x + 0.5) * scaleX - 0.5, 0, source.Width - 1);
                int x0 = (int)sx, x1 = Math.Min(x0 + 1, source.Width - 1);
                double fx = sx - x0;
                int o = result.Index(x, y);
                for (int c = 0; c < 3; c++)
                {
                    double top = source.Pixels[source.Index(x0, y0) + c] * (1 - fx) + source.Pixels[source.Index(x1, y0) + c] * fx;
                    double bottom = source.Pixels[source.Index(x0, y1) + c] * (1 - fx) + source.Pixels[source.Index(x1, y1) + c] * fx;
                    result.Pixels[o + c] = (byte)Math.Clamp(Math.Round(top * (1 - fy) + bottom * fy), 0, 255);
                }
            }
        }
        return result;
    }

    private static RgbFrame AreaResize(RgbFrame source, int width, int height, double scaleX, double scaleY)
    {
        var result = RgbFrame.Blank(width, height);
        for (int y = 0; y < height; y++)
        {
            int ys = (int)(y * scaleY), ye = Math.Max(ys + 1, Math.Min(source.Height, (int)((y + 1) * scaleY)));
            for (int x = 0; x < width; x++)
            {
                int xs = (int)(x * scaleX), xe = Math.Max(xs + 1, Math.Min(source.Width, (int)((x + 1) * scaleX)));
                int r = 0, g = 0, b = 0, n = 0;
                for (int sy = ys; sy < ye; sy++)
                for (int sx = xs; sx < xe; sx++)
                {
                    int i = source.Index(sx, sy);
                    r += source.Pixels[i];
                    g += source.Pixels[i + 1];
                    b += source.Pixels[i + 2];
                    n++;
                }
                int o = result.Index(x, y);
                result.Pixels[o] = (byte)(r / n);
                result.Pixels[o + 1] = (byte)(g / n);
                result.Pixels[o + 2] = (byte)(b / n);
            }
        }
        return result;
    }

    public static RgbFrame Crop(RgbFrame source, int x, int y, int width, int height)
    {
        if (x < 0 || y < 0 || width <= 0 || height <= 0 || x + width > source.Width || y + height > source.Height)
            throw new ArgumentOutOfRangeException(nameof(x), $"Crop {width}x{height}+{x}+{y} does not fit a {source.Width}x{source.Height} frame.");
        var result = RgbFrame.Blank(width, height);
        for (int row = 0; row < height; row++)
        {
            Array.Copy(source.Pixels, source.Index(x, y + row), result.Pixels, result.Index(0, row), width * 3);
        }
        return result;
    }
}
