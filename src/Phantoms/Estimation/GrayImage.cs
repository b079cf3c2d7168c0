using MedVid.Video;

namespace MedVid.Phantoms.Estimation;

/// <summary>A luma image (0..255 floats) with the few operations the estimators need.</summary>
internal sealed class GrayImage(int width, int height, float[] data)
{
    public int Width { get; } = width;
    public int Height { get; } = height;
    public float[] Data { get; } = data;

    public float this[int x, int y] => Data[y * Width + x];

    /// <summary>BT.601 luma, the weighting ffmpeg's yuv420p conversion used.</summary>
    public static GrayImage FromFrame(RgbFrame frame)
    {
        var data = new float[frame.Width * frame.Height];
        var p = frame.Pixels;
        for (int i = 0, j = 0; i < data.Length; i++, j += 3)
            data[i] = 0.299f * p[j] + 0.587f * p[j + 1] + 0.114f * p[j + 2];
        return new GrayImage(frame.Width, frame.Height, data);
    }

    public static GrayImage Mean(IReadOnlyList<GrayImage> images)
    {
        var sum = new float[images[0].Data.Length];
        foreach (var image in images)
        {
            for (var i = 0; i < sum.Length; i++)
                sum[i] += image.Data[i];
        }
        for (var i = 0; i < sum.Length; i++)
            sum[i] /= images.Count;
        return new GrayImage(images[0].Width, images[0].Height, sum);
    }

    /// <summary>Separable box blur of the given radius (edges clamp).</summary>
    public GrayImage BoxBlur(int radius)
    {
        if (radius <= 0)
            return this;
        var horizontal = new float[Data.Length];
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                float sum = 0;
                for (var k = -radius; k <= radius; k++)
                    sum += Data[y * Width + Math.Clamp(x + k, 0, Width - 1)];
                horizontal[y * Width + x] = sum / (2 * radius + 1);
            }
        }
        var result = new float[Data.Length];
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                float sum = 0;
                for (var k = -radius; k <= radius; k++)
                    sum += horizontal[Math.Clamp(y + k, 0, Height - 1) * Width + x];
                result[y * Width + x] = sum / (2 * radius + 1);
            }
        }
        return new GrayImage(Width, Height, result);
    }

    /// <summary>Bilinear sample at a sub-pixel position (pixel centres at integer + 0.5), clamped to the image.</summary>
    public float Sample(double x, double y)
    {
        x = Math.Clamp(x - 0.5, 0, Width - 1.001);
        y = Math.Clamp(y - 0.5, 0, Height - 1.001);
        var x0 = (int)x;
        var y0 = (int)y;
        var fx = (float)(x - x0);
        var fy = (float)(y - y0);
        var top = this[x0, y0] + (this[x0 + 1, y0] - this[x0, y0]) * fx;
        var bottom = this[x0, y0 + 1] + (this[x0 + 1, y0 + 1] - this[x0, y0 + 1]) * fx;
        return top + (bottom - top) * fy;
    }

    /// <summary>Mean over a rectangle given in fractions of the image size.</summary>
    public double RegionMean(double left, double top, double right, double bottom)
    {
        var (x0, x1) = ((int)(left * Width), Math.Max((int)(left * Width) + 1, (int)(right * Width)));
        var (y0, y1) = ((int)(top * Height), Math.Max((int)(top * Height) + 1, (int)(bottom * Height)));
        double sum = 0;
        for (var y = y0; y < y1; y++)
        {
            for (var x = x0; x < x1; x++)
                sum += this[x, y];
        }
        return sum / ((x1 - x0) * (y1 - y0));
    }

    public double Percentile(double fraction)
    {
        var sorted = (float[])Data.Clone();
        Array.Sort(sorted);
        return sorted[Math.Clamp((int)(fraction * (sorted.Length - 1)), 0, sorted.Length - 1)];
    }
}
