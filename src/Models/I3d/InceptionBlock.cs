using static TorchSharp.torch;

namespace MedVid.Models.I3d;

/// <summary>
/// An inflated Inception module: a 1×1×1 branch (b0), 1×1×1 then 3×3×3 (b1a, b1b), 1×1×1 then 3×3×3 (b2a, b2b), and a
/// 3×3×3 "same" max-pool then 1×1×1 (b3b), concatenated on the channels.
/// </summary>
public sealed class InceptionBlock : nn.Module<Tensor, Tensor>
{
    public InceptionBlock(long inputs, long b0Out, long b1Mid, long b1Out, long b2Mid, long b2Out, long b3Out) : base(nameof(InceptionBlock))
    {
        b0 = new Unit3d(inputs, b0Out, (1, 1, 1));
        b1a = new Unit3d(inputs, b1Mid, (1, 1, 1));
        b1b = new Unit3d(b1Mid, b1Out, (3, 3, 3));
        b2a = new Unit3d(inputs, b2Mid, (1, 1, 1));
        b2b = new Unit3d(b2Mid, b2Out, (3, 3, 3));
        b3b = new Unit3d(inputs, b3Out, (1, 1, 1));
        Outputs = b0Out + b1Out + b2Out + b3Out;
        RegisterComponents();
    }

    public long Outputs { get; }

    public readonly Unit3d b0;
    public readonly Unit3d b1a;
    public readonly Unit3d b1b;
    public readonly Unit3d b2a;
    public readonly Unit3d b2b;
    public readonly Unit3d b3b;

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var pooled = nn.functional.max_pool3d(SamePadding.Pad(x, (3, 3, 3), (1, 1, 1)), [3, 3, 3], [1, 1, 1]);
        return cat([b0.forward(x), b1b.forward(b1a.forward(x)), b2b.forward(b2a.forward(x)), b3b.forward(pooled)], 1).MoveToOuterDisposeScope();
    }
}
