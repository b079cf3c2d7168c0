using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MedVid.EngineBench.TorchSharpPeer;

/// <summary>Multi-head self-attention with a packed qkv projection, as nn.MultiheadAttention.</summary>
internal sealed class SelfAttention : nn.Module<Tensor, Tensor>
{
    private readonly Linear qkv;
    private readonly Linear proj;
    private readonly long heads;

    public SelfAttention(long width, long heads) : base(nameof(SelfAttention))
    {
        this.heads = heads;
        qkv = nn.Linear(width, 3 * width);
        proj = nn.Linear(width, width);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        long b = x.shape[0], t = x.shape[1], c = x.shape[2];
        var parts = qkv.forward(x).chunk(3, -1);
        var q = parts[0].view(b, t, heads, c / heads).transpose(1, 2);
        var k = parts[1].view(b, t, heads, c / heads).transpose(1, 2);
        var v = parts[2].view(b, t, heads, c / heads).transpose(1, 2);
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
        ln1 = nn.LayerNorm(width);
        attn = new SelfAttention(width, heads);
        ln2 = nn.LayerNorm(width);
        fc1 = nn.Linear(width, 4 * width);
        fc2 = nn.Linear(4 * width, width);
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
        blocks = nn.ModuleList(Enumerable.Range(0, depth).Select(_ => new Block(width, heads)).ToArray());
        norm = nn.LayerNorm(width);
        head = nn.Linear(width, width);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        foreach (var block in blocks) x = block.forward(x);
        return head.forward(norm.forward(x)).MoveToOuterDisposeScope();
    }
}
