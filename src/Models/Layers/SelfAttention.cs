using MedVid.Models.Lora;
using static TorchSharp.torch;

namespace MedVid.Models.Layers;

/// <summary>
/// Multi-head self-attention over the middle dimension of [N, S, C] with a packed "qkv"
/// projection and an output "proj", optionally masking keys ([N, S] bool, true = attend).
/// </summary>
public sealed class SelfAttention : nn.Module
{
    private readonly long heads;

    public SelfAttention(long width, long heads, Generator? generator = null) : base(nameof(SelfAttention))
    {
        if (width % heads != 0) throw new ArgumentException($"width {width} is not divisible by {heads} heads");
        this.heads = heads;
        qkv = new AdaptableLinear(width, 3 * width, generator: generator);
        proj = new AdaptableLinear(width, width, generator: generator);
        register_module(nameof(qkv), qkv);
        register_module(nameof(proj), proj);
    }

    public readonly AdaptableLinear qkv;

    public readonly AdaptableLinear proj;

    public Tensor forward(Tensor x, Tensor? keyMask = null)
    {
        using var scope = NewDisposeScope();
        var shape = x.shape;
        long n = shape[0], s = shape[1], c = shape[2];
        // chunk rather than a (3, n, h, s, d) permute: the backward of chunk is one cat, where
        // selecting from a permutation zero-fills three full-size gradient buffers.
        var parts = qkv.forward(x).chunk(3, -1);
        var q = Heads.Split(parts[0], heads);
        var k = Heads.Split(parts[1], heads);
        var v = Heads.Split(parts[2], heads);
        var mask = keyMask?.view(n, 1, 1, s);
        var y = nn.functional.scaled_dot_product_attention(q, k, v, mask);
        return proj.forward(Heads.Merge(y, c)).MoveToOuterDisposeScope();
    }
}

/// <summary>The [N, S, C] ↔ [N, heads, S, C/heads] reshapes shared by the attention modules.</summary>
internal static class Heads
{
    public static Tensor Split(Tensor x, long heads)
    {
        var shape = x.shape;
        return x.view(shape[0], shape[1], heads, shape[2] / heads).transpose(1, 2);
    }

    public static Tensor Merge(Tensor y, long width)
    {
        var shape = y.shape;
        return y.transpose(1, 2).reshape(shape[0], shape[2], width);
    }
}
