using static TorchSharp.torch;

namespace MedVid.Models.Vae;

/// <summary>
/// Focal Frequency Loss (Jiang et al., 2021), which MedSora adds to its VAE training: the squared
/// distance between the 2D spectra of reconstruction and target, weighted per frequency by the
/// (detached, per-spectrum max-normalised) distance^alpha so hard frequencies count more.
/// The spectrum is libtorch's orthonormal 2D FFT; the DFT is linear, so the spectrum of the
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
        // libtorch's FFT has no half-precision CPU kernels: transform in float32 at least.
        var spectrum = fft.fft2(diff.dtype == ScalarType.Float64 ? diff : diff.to(ScalarType.Float32), norm: FFTNormType.Ortho);
        var distance = (spectrum.real.square() + spectrum.imag.square()).to(diff.dtype); // [N, H, W]

        Tensor weight;
        using (no_grad())
        {
            weight = distance.sqrt().pow(alpha);
            var max = weight.flatten(1).amax([1], keepdim: true).unsqueeze(2);
            weight = (weight / (max + 1e-12)).clamp(0, 1);
        }
        return (weight * distance).mean().MoveToOuterDisposeScope();
    }
}
