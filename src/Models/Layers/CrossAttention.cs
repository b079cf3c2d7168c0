using MedVid.Models.Lora;
using static TorchSharp.torch;

namespace MedVid.Models.Layers;

/// <summary>
/// Multi-head attention from video tokens [B, N, C] to text tokens [B, L, C] ("q" on the video,
/// packed "kv" on the text, output "proj"), with the text's padding mask [B, L] (true = token).
/// </summary>
public sealed class CrossAttention : nn.Module
{
    private readonly long heads;

    public CrossAttention(long width, long heads, Generator? generator = null) : base(nameof(CrossAttention))
    {
        if (width % heads != 0) throw new ArgumentException($"width {width} is not divisible by {heads} heads");
        this.heads = heads;
        q = new AdaptableLinear(width, width, generator: generator);
        kv = new AdaptableLinear(width, 2 * width, generator: generator);
        proj = new AdaptableLinear(width, width, generator: generator);
        register_module(nameof(q), q);
        register_module(nameof(kv), kv);
        register_module(nameof(proj), proj);
    }

    public readonly AdaptableLinear q;

    public readonly AdaptableLinear kv;

    public readonly AdaptableLinear proj;

    public Tensor forward(Tensor x, Tensor context, Tensor contextMask)
    {
        using var scope = NewDisposeScope();
        var width = x.shape[2];
        var batch = context.shape[0];
        var length = context.shape[1];
        var query = Heads.Split(q.forward(x), heads);
        var parts = kv.forward(context).chunk(2, -1);
        var key = Heads.Split(parts[0], heads);
        var value = Heads.Split(parts[1], heads);
        var mask = contextMask.view(batch, 1, 1, length);
        var y = nn.functional.scaled_dot_product_attention(query, key, value, mask);
        return proj.forward(Heads.Merge(y, width)).MoveToOuterDisposeScope();
    }
}
