using MedVid.Engine.Modules;
using static MedVid.Engine.torch;

namespace MedVid.EngineBench;

/// <summary>Multi-head self-attention with a packed qkv projection, as nn.MultiheadAttention.</summary>
internal sealed class SelfAttention : nn.Module<Tensor, Tensor>
{
    private readonly Linear qkv;
    private readonly Linear proj;
    private readonly long heads;

    public SelfAttention(long width, long heads) : base(nameof(SelfAttention))
    {
        this.heads = heads;
        qkv = new Linear(width, 3 * width);
        proj = new Linear(width, width);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var shape = x.shape;
        long b = shape[0], t = shape[1], c = shape[2];
        // chunk, as nn.MultiheadAttention's packed in-projection does: its backward is one cat of
        // the three gradients, where selecting from a (3, b, h, t, d) permutation would zero-fill
        // and sum three full-size (b, t, 3c) gradient buffers per block.
        var qkvOut = qkv.forward(x).chunk(3, -1);
        var q = qkvOut[0].view(b, t, heads, c / heads).transpose(1, 2);
        var k = qkvOut[1].view(b, t, heads, c / heads).transpose(1, 2);
        var v = qkvOut[2].view(b, t, heads, c / heads).transpose(1, 2);
        var y = nn.functional.scaled_dot_product_attention(q, k, v);
        return proj.forward(y.transpose(1, 2).reshape(b, t, c)).MoveToOuterDisposeScope();
    }
}

/// <summary>Pre-LN transformer block: x + attn(ln(x)), then x + mlp(ln(x)).</summary>
internal sealed class Block : nn.Module<Tensor, Tensor>
{
    private readonly LayerNorm ln1;
    private readonly SelfAttention attn;
    private readonly LayerNorm ln2;
    private readonly Linear fc1;
    private readonly Linear fc2;

    public Block(long width, long heads) : base(nameof(Block))
    {
        ln1 = new LayerNorm(width);
        attn = new SelfAttention(width, heads);
        ln2 = new LayerNorm(width);
        fc1 = new Linear(width, 4 * width);
        fc2 = new Linear(4 * width, width);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = x + attn.forward(ln1.forward(x));
        var m = fc2.forward(nn.functional.gelu(fc1.forward(ln2.forward(h))));
        return (h + m).MoveToOuterDisposeScope();
    }
}

internal sealed class TinyTransformer : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<Block> blocks;
    private readonly LayerNorm norm;
    private readonly Linear head;

    public TinyTransformer(int depth, long width, long heads) : base(nameof(TinyTransformer))
    {
        blocks = new ModuleList<Block>(Enumerable.Range(0, depth).Select(_ => new Block(width, heads)).ToArray());
        norm = new LayerNorm(width);
        head = new Linear(width, width);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        foreach (var block in blocks) x = block.forward(x);
        return head.forward(norm.forward(x)).MoveToOuterDisposeScope();
    }
}
