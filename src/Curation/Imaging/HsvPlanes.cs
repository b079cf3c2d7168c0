using MedVid.Video;

namespace MedVid.Curation.Imaging;

/// <summary>HSV planes on OpenCV's 8-bit scale (H 0..179, S and V 0..255), because PySceneDetect's
/// content score and its threshold of 27 are defined on that scale.</summary>
public sealed class HsvPlanes
{
    private HsvPlanes(byte[] hue, byte[] saturation, byte[] value)
    {
        Hue = hue;
        Saturation = saturation;
        Value = value;
    }

    public byte[] Hue { get; }
    public byte[] Saturation { get; }
    public byte[] Value { get; }

    public static HsvPlanes FromRgb(RgbFrame frame)
    {
        int n = frame.Width * frame.Height;
        var h = new byte[n];
        var s = new byte[n];
        var v = new byte[n];
        var px = frame.Pixels;
        for (int i = 0, p = 0; i < n; i++, p += 3)
        {
            int r = px[p], g = px[p + 1], b = px[p + 2];
            int max = Math.Max(r, Math.Max(g, b));
            int min = Math.Min(r, Math.Min(g, b));
            int delta = max - min;
            v[i] = (byte)max;
            s[i] = max == 0 ? (byte)0 : (byte)Math.Round(255.0 * delta / max);
            if (delta == 0)
            {
                h[i] = 0;
                continue;
            }
            double hueDegrees;
            if (max == r) hueDegrees = 60.0 * (g - b) / delta;
            else if (max == g) hueDegrees = 120.0 + 60.0 * (b - r) / delta;
            else hueDegrees = 240.0 + 60.0 * (r - g) / delta;
            if (hueDegrees < 0) hueDegrees += 360.0;
            h[i] = (byte)(Math.Round(hueDegrees / 2.0) % 180);
        }
        return new HsvPlanes(h, s, v);
    }

    /// <summary>PySceneDetect's content_val: the mean absolute per-pixel change of H, S and V,
    /// averaged over the three components (equal weights).</summary>
    public static ContentDelta Delta(HsvPlanes current, HsvPlanes previous)
    {
        int n = current.Value.Length;
        if (previous.Value.Length != n) throw new ArgumentException("Frames must have the same size.");
        long dh = 0, ds = 0, dv = 0;
        for (int i = 0; i < n; i++)
        {
            dh += Math.Abs(current.Hue[i] - previous.Hue[i]);
            ds += Math.Abs(current.Saturation[i] - previous.Saturation[i]);
            dv += Math.Abs(current.Value[i] - previous.Value[i]);
        }
        double h = (double)dh / n, s = (double)ds / n, v = (double)dv / n;
        return new ContentDelta(h, s, v, (h + s + v) / 3.0);
    }
}

/// <summary>Per-component mean HSV change between two frames and their average (the score).</summary>
public readonly record struct ContentDelta(double Hue, double Saturation, double Value, double Score);
