using static MedVid.Engine.torch;

namespace MedVid.Engine.Modules;

/// <summary>y = x Wᵀ + b.</summary>
public sealed class Linear : nn.Module<Tensor, Tensor>
{
    public Linear(long inFeatures, long outFeatures, bool hasBias = true, Device? device = null, ScalarType dtype = float32, Generator? generator = null)
        : base(nameof(Linear))
    {
        weight = Init.FanInUniform([outFeatures, inFeatures], inFeatures, dtype, device, generator);
        register_parameter(nameof(weight), weight);
        bias = hasBias ? Init.FanInUniform([outFeatures], inFeatures, dtype, device, generator) : null;
        register_parameter(nameof(bias), bias);
    }

    public nn.Parameter weight { get; }

    public nn.Parameter? bias { get; }

    public override Tensor forward(Tensor input) => nn.functional.linear(input, weight, bias);
}
