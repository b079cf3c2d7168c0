namespace MedVid.Phantoms.Rendering;

/// <summary>
/// Smooth random texture in [0, 1]: random values on an integer lattice, blended with smoothstep.
/// The lattice can wrap along x so that a texture indexed by angle closes seamlessly around a circle.
/// </summary>
internal sealed class ValueNoise
{
    private readonly float[] _lattice;
    private readonly int _periodX;
    private readonly int _sizeY;

    /// <param name="periodX">Lattice cells along x before it repeats.</param>
    /// <param name="sizeY">Lattice cells along y; beyond it the texture repeats too (keep it larger than any y used).</param>
    public ValueNoise(PhantomRandom random, int periodX, int sizeY)
    {
        _periodX = periodX;
        _sizeY = sizeY;
        _lattice = new float[periodX * sizeY];
        for (var i = 0; i < _lattice.Length; i++)
            _lattice[i] = (float)random.NextDouble();
    }

    public double Sample(double x, double y)
    {
        var x0 = (int)Math.Floor(x);
        var y0 = (int)Math.Floor(y);
        var fx = Smooth(x - x0);
        var fy = Smooth(y - y0);
        var a = At(x0, y0);
        var b = At(x0 + 1, y0);
        var c = At(x0, y0 + 1);
        var d = At(x0 + 1, y0 + 1);
        return (a + (b - a) * fx) * (1 - fy) + (c + (d - c) * fx) * fy;
    }

    /// <summary>Two octaves: coarse shapes plus finer detail, normalised back to [0, 1].</summary>
    public double Fractal(double x, double y) => (Sample(x, y) * 2 + Sample(x * 2 + 17.3, y * 2 + 5.1)) / 3;

    private double At(int x, int y) => _lattice[Wrap(y, _sizeY) * _periodX + Wrap(x, _periodX)];

    private static int Wrap(int value, int period) => ((value % period) + period) % period;

    private static double Smooth(double t) => t * t * (3 - 2 * t);
}
