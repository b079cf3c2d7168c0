using static MedVid.Engine.torch;

namespace MedVid.Engine.Modules;

/// <summary>Parameterless activation modules, for use in Sequential.</summary>
public sealed class GELU(bool tanhApproximation = false) : nn.Module<Tensor, Tensor>(nameof(GELU))
{
    public override Tensor forward(Tensor input) => nn.functional.gelu(input, tanhApproximation);
}

public sealed class SiLU() : nn.Module<Tensor, Tensor>(nameof(SiLU))
{
    public override Tensor forward(Tensor input) => nn.functional.silu(input);
}

public sealed class ReLU() : nn.Module<Tensor, Tensor>(nameof(ReLU))
{
    public override Tensor forward(Tensor input) => input.relu();
}

public sealed class Tanh() : nn.Module<Tensor, Tensor>(nameof(Tanh))
{
    public override Tensor forward(Tensor input) => input.tanh();
}

public sealed class Sigmoid() : nn.Module<Tensor, Tensor>(nameof(Sigmoid))
{
    public override Tensor forward(Tensor input) => input.sigmoid();
}
