using static MedVid.Engine.torch;

namespace MedVid.Engine.Modules;

/// <summary>PyTorch's default initialisations, so models start from the same distributions.</summary>
internal static class Init
{
    /// <summary>
    /// U(-1/√fan_in, 1/√fan_in): what kaiming_uniform(a=√5) gives for weights and what
    /// PyTorch uses for biases of Linear and ConvNd.
    /// </summary>
    public static nn.Parameter FanInUniform(long[] shape, long fanIn, ScalarType dtype, Device? device, Generator? generator)
    {
        var bound = fanIn > 0 ? 1.0 / Math.Sqrt(fanIn) : 0;
        using var noGrad = no_grad();
        var t = empty(shape, dtype, device);
        t.uniform_(-bound, bound, generator);
        return new nn.Parameter(t);
    }

    public static nn.Parameter Constant(long[] shape, double value, ScalarType dtype, Device? device) =>
        new(full(shape, value, dtype, device));
}
