using System.Runtime.Intrinsics;
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
        var px = frame.Pixels.AsSpan(0, n * 3);
        var saturation = SaturationTable.Value;
        var hue = HueTable.Value;
        for (int i = 0, p = 0; i < n; i++, p += 3)
        {
            int r = px[p], g = px[p + 1], b = px[p + 2];
            int max = Math.Max(r, Math.Max(g, b));
            int min = Math.Min(r, Math.Min(g, b));
            int delta = max - min;
            v[i] = (byte)max;
            s[i] = saturation[(max << 8) | delta];
            if (delta == 0) continue; // h[i] stays 0
            // Hue in OpenCV's half degrees: a base of 0 / 60 / 120 plus 30 * (difference) / delta,
            // rounded (ties to even; the bases are even, so rounding the fraction alone is the same).
            int baseHalf, difference;
            if (max == r) { baseHalf = 0; difference = g - b; }
            else if (max == g) { baseHalf = 60; difference = b - r; }
            else { baseHalf = 120; difference = r - g; }
            int half = baseHalf + hue[(delta << 9) | (difference + 255)];
            if (half < 0) half += 180;
            h[i] = (byte)(half >= 180 ? half - 180 : half);
        }
        return new HsvPlanes(h, s, v);
    }

    // round(255 * delta / max), indexed [max << 8 | delta]: the same bytes as the double formula
    // (an exact tie is exact in double too, and any other value is at least 1/510 away from a tie).
    private static readonly Lazy<byte[]> SaturationTable = new(() =>
    {
        var table = new byte[256 * 256];
        for (int max = 1; max < 256; max++)
            for (int delta = 0; delta <= max; delta++)
                table[(max << 8) | delta] = (byte)Math.Round(255.0 * delta / max);
        return table;
    });

    // round(30 * difference / delta) for difference in -255..255, indexed [delta << 9 | difference + 255].
    private static readonly Lazy<sbyte[]> HueTable = new(() =>
    {
        var table = new sbyte[256 * 512];
        for (int delta = 1; delta < 256; delta++)
            for (int difference = -delta; difference <= delta; difference++)
                table[(delta << 9) | (difference + 255)] = (sbyte)Math.Round(30.0 * difference / delta);
        return table;
    });

    /// <summary>The direct floating-point formula (OpenCV's), kept as the reference the tables are tested against.</summary>
    internal static (byte H, byte S, byte V) ReferencePixel(int r, int g, int b)
    {
        int max = Math.Max(r, Math.Max(g, b));
        int min = Math.Min(r, Math.Min(g, b));
        int delta = max - min;
        byte s = max == 0 ? (byte)0 : (byte)Math.Round(255.0 * delta / max);
        if (delta == 0) return (0, s, (byte)max);
        double hueDegrees;
        if (max == r) hueDegrees = 60.0 * (g - b) / delta;
        else if (max == g) hueDegrees = 120.0 + 60.0 * (b - r) / delta;
        else hueDegrees = 240.0 + 60.0 * (r - g) / delta;
        if (hueDegrees < 0) hueDegrees += 360.0;
        return ((byte)(Math.Round(hueDegrees / 2.0) % 180), s, (byte)max);
    }

    /// <summary>PySceneDetect's content_val: the mean absolute per-pixel change of H, S and V,
    /// averaged over the three components (equal weights).</summary>
    public static ContentDelta Delta(HsvPlanes current, HsvPlanes previous)
    {
        int n = current.Value.Length;
        if (previous.Value.Length != n) throw new ArgumentException("Frames must have the same size.");
        long dh = SumOfAbsoluteDifferences(current.Hue, previous.Hue);
        long ds = SumOfAbsoluteDifferences(current.Saturation, previous.Saturation);
        long dv = SumOfAbsoluteDifferences(current.Value, previous.Value);
        double h = (double)dh / n, s = (double)ds / n, v = (double)dv / n;
        return new ContentDelta(h, s, v, (h + s + v) / 3.0);
    }

    private static long SumOfAbsoluteDifferences(byte[] a, byte[] b)
    {
        long total = 0;
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // |a - b| per byte, widened to 16 bits and summed in chunks short enough not to overflow.
            while (i <= a.Length - Vector256<byte>.Count)
            {
                var acc = Vector256<ushort>.Zero;
                int end = Math.Min(a.Length - Vector256<byte>.Count, i + 64 * Vector256<byte>.Count);
                for (; i <= end; i += Vector256<byte>.Count)
                {
                    var x = Vector256.LoadUnsafe(ref a[i]);
                    var y = Vector256.LoadUnsafe(ref b[i]);
                    var diff = Vector256.Max(x, y) - Vector256.Min(x, y);
                    var (lo, hi) = Vector256.Widen(diff);
                    acc += lo + hi;
                }
                var (w0, w1) = Vector256.Widen(acc);
                total += Vector256.Sum(w0) + Vector256.Sum(w1);
            }
        }
        for (; i < a.Length; i++) total += Math.Abs(a[i] - b[i]);
        return total;
    }
}

/// <summary>Per-component mean HSV change between two frames and their average (the score).</summary>
public readonly record struct ContentDelta(double Hue, double Saturation, double Value, double Score);
