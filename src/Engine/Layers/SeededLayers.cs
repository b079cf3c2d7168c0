using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MedVid.Engine.Layers;

/// <summary>
/// TorchSharp's layers, initialised from a given <see cref="Generator"/> when one is passed.
/// TorchSharp's constructors draw from the global generator only; models built with a seeded
/// generator must come out the same whatever else used the global one. The distributions are
/// PyTorch's defaults (what TorchSharp draws too): U(±1/√fan_in) for Linear and ConvNd weights
/// and biases, N(0, 1) for Embedding. Without a generator the layer is TorchSharp's as built.
/// </summary>
public static class SeededLayers
{
    public static Linear Linear(long inFeatures, long outFeatures, bool hasBias = true, Generator? generator = null)
    {
        var layer = nn.Linear(inFeatures, outFeatures, hasBias);
        if (generator is not null) FanInUniform(layer.weight, layer.bias, inFeatures, generator);
        return layer;
    }

    /// <summary>Per-dimension (time, height, width) kernel, stride and padding.</summary>
    public static Conv3d Conv3d(long inChannels, long outChannels, (long, long, long) kernel, (long, long, long) stride,
        (long, long, long) padding, bool hasBias = true, Generator? generator = null)
    {
        var layer = nn.Conv3d(inChannels, outChannels, kernel, stride, padding, bias: hasBias);
        if (generator is not null) FanInUniform(layer.weight, layer.bias, inChannels * kernel.Item1 * kernel.Item2 * kernel.Item3, generator);
        return layer;
    }

    public static Conv2d Conv2d(long inChannels, long outChannels, long kernel, long stride = 1, long padding = 0,
        bool hasBias = true, Generator? generator = null)
    {
        var layer = nn.Conv2d(inChannels, outChannels, kernel, stride, padding, bias: hasBias);
        if (generator is not null) FanInUniform(layer.weight, layer.bias, inChannels * kernel * kernel, generator);
        return layer;
    }

    public static Embedding Embedding(long numEmbeddings, long embeddingDim, Generator? generator = null)
    {
        var layer = nn.Embedding(numEmbeddings, embeddingDim);
        if (generator is not null)
            using (no_grad())
                layer.weight!.normal_(0, 1, generator);
        return layer;
    }

    /// <summary>
    /// TorchSharp 0.107's GroupNorm allocates its affine weight and bias with torch.empty and never
    /// initialises them (LayerNorm does): this sets PyTorch's ones and zeros.
    /// </summary>
    public static GroupNorm GroupNorm(long numGroups, long numChannels, double eps = 1e-5, bool affine = true)
    {
        var layer = nn.GroupNorm(numGroups, numChannels, eps, affine);
        if (affine)
            using (no_grad())
            {
                layer.weight.fill_(1);
                layer.bias!.fill_(0);
            }
        return layer;
    }

    /// <summary>Redraws weight and bias from U(±1/√fan_in).</summary>
    public static void FanInUniform(Tensor weight, Tensor? bias, long fanIn, Generator? generator)
    {
        var bound = fanIn > 0 ? 1.0 / Math.Sqrt(fanIn) : 0;
        using var noGrad = no_grad();
        weight.uniform_(-bound, bound, generator);
        bias?.uniform_(-bound, bound, generator);
    }
}
