namespace MedVid.Evaluation.Flow;

/// <summary>
/// A dense displacement field from one frame to another: the content at pixel (x, y) of the first frame is found at
/// (x + Dx, y + Dy) in the second. Row-major, one entry per pixel.
/// </summary>
public sealed class FlowField(int width, int height, float[] dx, float[] dy)
{
    public int Width { get; } = width;
    public int Height { get; } = height;
    public float[] Dx { get; } = dx;
    public float[] Dy { get; } = dy;

    public float Magnitude(int i) => MathF.Sqrt(Dx[i] * Dx[i] + Dy[i] * Dy[i]);

    public float[] Magnitudes()
    {
        var result = new float[Dx.Length];
        for (var i = 0; i < result.Length; i++) result[i] = Magnitude(i);
        return result;
    }

    /// <summary>Mean displacement over a rectangle of pixels, [x0, x1) x [y0, y1).</summary>
    public (double Dx, double Dy) MeanOver(int x0, int y0, int x1, int y1)
    {
        double sx = 0, sy = 0;
        for (var y = y0; y < y1; y++)
            for (var x = x0; x < x1; x++)
            {
                sx += Dx[y * Width + x];
                sy += Dy[y * Width + x];
            }
        var n = (double)(x1 - x0) * (y1 - y0);
        return (sx / n, sy / n);
    }
}
