using MedVid.Video;
namespace MedVid.Curation.Imaging;

/// <summary>Canny edge detector: Gaussian smoothing, Sobel gradient, non-maximum suppression
/// along the gradient direction, and hysteresis between a low and a high threshold
/// (thresholds on the L1 gradient magnitude, as OpenCV's default).</summary>
public static class Canny
{
    public static bool[] Detect(GrayImage image, double lowThreshold, double highThreshold, double sigma = 1.0)
    {
        if (lowThreshold > highThreshold) throw new ArgumentException("The low threshold must not exceed the high threshold.");
        int w = image.Width, h = image.Height;
        var smoothed = Convolution.GaussianBlur(image, sigma);
        var (gx, gy) = Convolution.Sobel(smoothed);
        var magnitude = new float[w * h];
        for (int i = 0; i < magnitude.Length; i++) magnitude[i] = Math.Abs(gx.Data[i]) + Math.Abs(gy.Data[i]);

        // Non-maximum suppression: keep a pixel only if it is a ridge across the edge.
        var thin = new float[w * h];
        for (int y = 1; y < h - 1; y++)
        for (int x = 1; x < w - 1; x++)
        {
            int i = y * w + x;
            float m = magnitude[i];
            if (m == 0) continue;
            double angle = Math.Atan2(gy.Data[i], gx.Data[i]) * 180.0 / Math.PI;
            if (angle < 0) angle += 180.0;
            (int dx, int dy) = angle switch
            {
                < 22.5 or >= 157.5 => (1, 0),
                < 67.5 => (1, 1),
                < 112.5 => (0, 1),
                _ => (-1, 1),
            };
            float a = magnitude[(y + dy) * w + x + dx];
            float b = magnitude[(y - dy) * w + x - dx];
            if (m >= a && m > b) thin[i] = m;
        }

        // Hysteresis: strong pixels seed a flood fill through weak ones.
        var edges = new bool[w * h];
        var stack = new Stack<int>();
        for (int i = 0; i < thin.Length; i++)
        {
            if (thin[i] < highThreshold || edges[i]) continue;
            edges[i] = true;
            stack.Push(i);
            while (stack.Count > 0)
            {
                int p = stack.Pop();
                int px = p % w, py = p / w;
                for (int ny = Math.Max(0, py - 1); ny <= Math.Min(h - 1, py + 1); ny++)
                for (int nx = Math.Max(0, px - 1); nx <= Math.Min(w - 1, px + 1); nx++)
                {
                    int q = ny * w + nx;
                    if (!edges[q] && thin[q] >= lowThreshold)
                    {
                        edges[q] = true;
                        stack.Push(q);
                    }
                }
            }
        }
        return edges;
    }
}
