using MedVid.Video;
namespace MedVid.Curation.Imaging;

/// <summary>Small separable and 3x3 filters with replicated borders (OpenCV's default border is
/// reflect-101; replication differs only on the outermost pixel, which no metric here relies on).</summary>
public static class Convolution
{
    /// <summary>Gaussian blur with a kernel of radius ceil(3 sigma), applied separably.</summary>
    public static GrayImage GaussianBlur(GrayImage source, double sigma)
    {
        if (sigma <= 0) return new GrayImage(source.Width, source.Height, (float[])source.Data.Clone());
        int radius = (int)Math.Ceiling(3 * sigma);
        var kernel = new float[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++)
        {
            kernel[i + radius] = (float)Math.Exp(-(i * i) / (2 * sigma * sigma));
            sum += kernel[i + radius];
        }
        for (int i = 0; i < kernel.Length; i++) kernel[i] = (float)(kernel[i] / sum);

        var horizontal = new GrayImage(source.Width, source.Height);
        for (int y = 0; y < source.Height; y++)
        for (int x = 0; x < source.Width; x++)
        {
            float acc = 0;
            for (int k = -radius; k <= radius; k++) acc += kernel[k + radius] * source.Clamped(x + k, y);
            horizontal[x, y] = acc;
        }
        var result = new GrayImage(source.Width, source.Height);
        for (int y = 0; y < source.Height; y++)
        for (int x = 0; x < source.Width; x++)
        {
            float acc = 0;
            for (int k = -radius; k <= radius; k++) acc += kernel[k + radius] * horizontal.Clamped(x, y + k);
            result[x, y] = acc;
        }
        return result;
    }

    /// <summary>3x3 Sobel derivatives (gx, gy).</summary>
    public static (GrayImage Gx, GrayImage Gy) Sobel(GrayImage s)
    {
        var gx = new GrayImage(s.Width, s.Height);
        var gy = new GrayImage(s.Width, s.Height);
        for (int y = 0; y < s.Height; y++)
        for (int x = 0; x < s.Width; x++)
        {
            float tl = s.Clamped(x - 1, y - 1), t = s.Clamped(x, y - 1), tr = s.Clamped(x + 1, y - 1);
            float l = s.Clamped(x - 1, y), r = s.Clamped(x + 1, y);
            float bl = s.Clamped(x - 1, y + 1), b = s.Clamped(x, y + 1), br = s.Clamped(x + 1, y + 1);
            gx[x, y] = (tr + 2 * r + br) - (tl + 2 * l + bl);
            gy[x, y] = (bl + 2 * b + br) - (tl + 2 * t + tr);
        }
        return (gx, gy);
    }

    /// <summary>4-neighbour Laplacian (OpenCV's ksize=1 kernel), the basis of the blur metric.</summary>
    public static GrayImage Laplacian(GrayImage s)
    {
        var result = new GrayImage(s.Width, s.Height);
        for (int y = 0; y < s.Height; y++)
        for (int x = 0; x < s.Width; x++)
        {
            result[x, y] = s.Clamped(x - 1, y) + s.Clamped(x + 1, y) + s.Clamped(x, y - 1) + s.Clamped(x, y + 1) - 4 * s[x, y];
        }
        return result;
    }
}
