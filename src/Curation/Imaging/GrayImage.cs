using MedVid.Video;

namespace MedVid.Curation.Imaging;

/// <summary>A single-channel float image (row-major). Analysis works on luma, so every
/// detector converts an <see cref="RgbFrame"/> once and shares the plane.</summary>
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
}
