using static TorchSharp.torch;

namespace MedVid.Models.Layers;

/// <summary>
/// In-place weight initialisations used by the DiT (PixArt-alpha / Open-Sora recipe). Each
/// runs under no_grad so it never records a graph on a leaf parameter.
/// </summary>
public static class ModelInit
{
    /// <summary>Xavier/Glorot uniform over a [out, in, ...] weight seen as [out, in·k].</summary>
    public static void XavierUniform(Tensor weight, Generator? generator = null)
    {
        var shape = weight.shape;
        var fanOut = shape[0];
        var fanIn = shape.Skip(1).Aggregate(1L, (a, b) => a * b);
        var bound = Math.Sqrt(6.0 / (fanIn + fanOut));
        using var noGrad = no_grad();
        weight.uniform_(-bound, bound, generator);
    }

    public static void Normal(Tensor weight, double std, Generator? generator = null)
    {
        using var noGrad = no_grad();
        weight.normal_(0, std, generator);
    }

    public static void Zeros(Tensor? tensor)
    {
        if (tensor is null) return;
        using var noGrad = no_grad();
        tensor.zero_();
    }
}
