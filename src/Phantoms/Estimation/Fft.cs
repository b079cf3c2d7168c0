namespace MedVid.Phantoms.Estimation;

/// <summary>In-place iterative radix-2 FFT; enough for the short temporal signals the estimators analyse.</summary>
internal static class Fft
{
    public static void Transform(double[] re, double[] im)
    {
        var n = re.Length;
        if (n == 0 || (n & (n - 1)) != 0)
            throw new ArgumentException("FFT length must be a power of two");
        for (int i = 1, j = 0; i < n; i++)
        {
            var bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1)
                j ^= bit;
            j ^= bit;
            if (i < j)
            {
                (re[i], re[j]) = (re[j], re[i]);
                (im[i], im[j]) = (im[j], im[i]);
            }
        }
        for (var length = 2; length <= n; length <<= 1)
        {
            var angle = -2 * Math.PI / length;
            var (wr, wi) = (Math.Cos(angle), Math.Sin(angle));
            for (var i = 0; i < n; i += length)
            {
                var (cr, ci) = (1.0, 0.0);
                for (var k = 0; k < length / 2; k++)
                {
                    var (ar, ai) = (re[i + k], im[i + k]);
                    var (br, bi) = (re[i + k + length / 2], im[i + k + length / 2]);
                    var (tr, ti) = (br * cr - bi * ci, br * ci + bi * cr);
                    (re[i + k], im[i + k]) = (ar + tr, ai + ti);
                    (re[i + k + length / 2], im[i + k + length / 2]) = (ar - tr, ai - ti);
                    (cr, ci) = (cr * wr - ci * wi, cr * wi + ci * wr);
                }
            }
        }
    }

    /// <summary>|X(f)|² of a real signal zero-padded to <paramref name="length"/> (a power of two), bins 0..length/2.</summary>
    public static double[] Power(double[] signal, int length)
    {
        var re = new double[length];
        var im = new double[length];
        Array.Copy(signal, re, signal.Length);
        Transform(re, im);
        var power = new double[length / 2 + 1];
        for (var k = 0; k < power.Length; k++)
            power[k] = re[k] * re[k] + im[k] * im[k];
        return power;
    }
}
