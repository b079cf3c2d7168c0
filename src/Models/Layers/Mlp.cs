using MedVid.Models.Lora;
using static TorchSharp.torch;

namespace MedVid.Models.Layers;

/// <summary>fc2(GELU-tanh(fc1(x))): the transformer feed-forward and the caption projection.</summary>
public sealed class Mlp : nn.Module<Tensor, Tensor>
{
    public Mlp(long inFeatures, long hiddenFeatures, long outFeatures, Generator? generator = null) : base(nameof(Mlp))
    {
        fc1 = new AdaptableLinear(inFeatures, hiddenFeatures, generator: generator);
        fc2 = new AdaptableLinear(hiddenFeatures, outFeatures, generator: generator);
        register_module(nameof(fc1), fc1);
        register_module(nameof(fc2), fc2);
    }

    public readonly AdaptableLinear fc1;

    public readonly AdaptableLinear fc2;

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return fc2.forward(nn.functional.gelu(fc1.forward(input), GELU.Approximate.tanh)).MoveToOuterDisposeScope();
    }
}
