namespace MedVid.Video;

/// <summary>
/// A single-channel float image (row-major, luma 0..255). Curation's detectors and the phantom estimators both work on
/// luma, so each converts an <see cref="RgbFrame"/> once and shares the plane.
/// </summary>
public sealed class GrayImage
{
    public GrayImage(int width, int height, float[]? data = null)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), "Image dimensions must be positive.");
        Width = width;
        Height = height;
        Data = data ?? new float[width * height];
        if (Data.Length != width * height) throw new ArgumentException("Data length must equal width*height.", nameof(data));
    }

    public int Width { get; }
    public int Height { get; }
    public float[] Data { get; }

    public float this[int x, int y]
    {
        get => Data[y * Width + x];
        set => Data[y * Width + x] = value;
    }

    /// <summary>Reads with the border replicated, which is what the filters need at the edges.</summary>
    public float Clamped(int x, int y)
    {
        x = Math.Clamp(x, 0, Width - 1);
        y = Math.Clamp(y, 0, Height - 1);
        return Data[y * Width + x];
    }

    /// <summary>BT.601 luma (0..255), the Y plane ffmpeg's filters and OpenCV's gray conversion see.</summary>
    public static GrayImage FromRgb(RgbFrame frame)
    {
        var gray = new GrayImage(frame.Width, frame.Height);
        var pixels = frame.Pixels;
        for (int i = 0, p = 0; i < gray.Data.Length; i++, p += 3)
        {
            gray.Data[i] = 0.299f * pixels[p] + 0.587f * pixels[p + 1] + 0.114f * pixels[p + 2];
        }
        return gray;
    }

    /// <summary>Bilinear resampling (used to enlarge frames for OCR, which needs glyphs of about 20 px).</summary>
    public GrayImage Resize(int width, int height)
    {
        var result = new GrayImage(width, height);
        double scaleX = (double)Width / width, scaleY = (double)Height / height;
        for (int y = 0; y < height; y++)
        {
            double sy = Math.Clamp((y + 0.5) * scaleY - 0.5, 0, Height - 1);
            int y0 = (int)sy, y1 = Math.Min(y0 + 1, Height - 1);
            float fy = (float)(sy - y0);
            for (int x = 0; x < width; x++)
            {
                double sx = Math.Clamp((x + 0.5) * scaleX - 0.5, 0, Width - 1);
                int x0 = (int)sx, x1 = Math.Min(x0 + 1, Width - 1);
                float fx = (float)(sx - x0);
                float top = this[x0, y0] * (1 - fx) + this[x1, y0] * fx;
                float bottom = this[x0, y1] * (1 - fx) + this[x1, y1] * fx;
                result[x, y] = top * (1 - fy) + bottom * fy;
            }
        }
        return result;
    }

    public double Mean()
    {
        double sum = 0;
        foreach (var v in Data) sum += v;
        return sum / Data.Length;
    }

    /// <summary>The pixel-wise mean of images of one size.</summary>
    public static GrayImage Average(IReadOnlyList<GrayImage> images)
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
