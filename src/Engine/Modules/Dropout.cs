using static MedVid.Engine.torch;

namespace MedVid.Engine.Modules;

/// <summary>Zeroes elements with probability p while training (scaling the rest by 1/(1-p)); identity in eval.</summary>
public sealed class Dropout(double p = 0.5, Generator? generator = null) : nn.Module<Tensor, Tensor>(nameof(Dropout))
{
    public double p { get; } = p is >= 0 and <= 1 ? p : throw new ArgumentOutOfRangeException(nameof(p));

    public override Tensor forward(Tensor input) => nn.functional.dropout(input, p, training, generator);
}
