using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MedVid.Engine.Layers;

/// <summary>
/// Parameters that belong to their module, not to whatever dispose scope is open when the
/// module is built. TorchSharp's Parameter joins the scope of the tensor it wraps (its own
/// layers detach in their setters), so a model constructed inside a training step's scope would
/// otherwise lose its weights when that step ends.
/// </summary>
public static class OwnedParameter
{
    /// <summary>Wraps <paramref name="data"/> (which it takes over) as a trainable leaf outside any scope.</summary>
    public static Parameter From(Tensor data, bool requiresGrad = true)
    {
        var parameter = new Parameter(data, requiresGrad);
        parameter.DetachFromDisposeScope();
        return parameter;
    }

    /// <summary>A new parameter drawn from U(±1/√fan_in), as Linear weights are.</summary>
    public static Parameter FanInUniform(long[] shape, long fanIn, Generator? generator, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        var bound = fanIn > 0 ? 1.0 / Math.Sqrt(fanIn) : 0;
        using var noGrad = no_grad();
        var t = empty(shape, dtype, device);
        t.uniform_(-bound, bound, generator);
        return From(t);
    }
}
