using static MedVid.Engine.torch;

namespace MedVid.Models.Vae;

/// <summary>
/// Focal Frequency Loss (Jiang et al., 2021), which MedSora adds to its VAE training: the squared
/// distance between the 2D spectra of reconstruction and target, weighted per frequency by the
/// (detached, per-spectrum max-normalised) distance^alpha so hard frequencies count more.
/// The engine has no FFT, so the orthonormal 2D DFT is two matmuls with fixed cos/sin matrices:
/// O(H²W + HW²) per frame, cheap at VAE frame sizes. The DFT is linear, so the spectrum of the
/// difference equals the difference of the spectra and only one transform is taken.
/// </summary>
public static class FocalFrequencyLoss
{
    /// <param name="reconstruction">[..., H, W].</param>
    /// <param name="target">same shape.</param>
    public static Tensor Compute(Tensor reconstruction, Tensor target, double alpha = 1.0)
    {
        var shape = reconstruction.shape;
        long h = shape[^2], w = shape[^1];
        using var scope = NewDisposeScope();
        var diff = (reconstruction - target).reshape(-1, h, w);
        var (cosH, sinH) = DftMatrices(h, diff.dtype, diff.device);
        var (cosW, sinW) = DftMatrices(w, diff.dtype, diff.device);
        // F = D_H X D_W with D = C − iS (C, S symmetric): Re = C X C − S X S, Im = −(C X S + S X C).
        var cx = cosH.matmul(diff);
        var sx = sinH.matmul(diff);
        var real = cx.matmul(cosW) - sx.matmul(sinW);
        var imag = cx.matmul(sinW) + sx.matmul(cosW);
        var distance = real.square() + imag.square(); // [N, H, W]

        Tensor weight;
        using (no_grad())
        {
            weight = distance.sqrt().pow(alpha);
            var max = weight.flatten(1).amax(1, keepdim: true).unsqueeze(2);
            weight = (weight / (max + 1e-12)).clamp(0, 1);
        }
        return (weight * distance).mean().MoveToOuterDisposeScope();
    }

    /// <summary>cos(2πkn/N)/√N and sin(2πkn/N)/√N: the orthonormal DFT's real and imaginary parts (up to sign).</summary>
    private static (Tensor Cos, Tensor Sin) DftMatrices(long n, ScalarType dtype, Device device)
    {
        var cos = new double[n * n];
        var sin = new double[n * n];
        var norm = 1.0 / Math.Sqrt(n);
        for (long k = 0; k < n; k++)
            for (long j = 0; j < n; j++)
            {
                // (k·j) mod n keeps the angle small, so large k·j loses no precision.
                var angle = 2 * Math.PI * (k * j % n) / n;
                cos[k * n + j] = Math.Cos(angle) * norm;
                sin[k * n + j] = Math.Sin(angle) * norm;
            }
        return (from_span<double>(cos, [n, n], float64, device).to(dtype), from_span<double>(sin, [n, n], float64, device).to(dtype));
    }
}
