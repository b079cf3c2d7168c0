using MedVid.Engine.Layers;
using TorchSharp.Modules;
using MedVid.Models.Layers;
using static TorchSharp.torch;

namespace MedVid.Models.Text;

/// <summary>Pre-norm Transformer encoder layer: x + attn(LN(x), key mask), then x + MLP(LN(x)).</summary>
public sealed class TextEncoderLayer : nn.Module
{
    public TextEncoderLayer(TextEncoderConfig config, Generator? generator = null) : base(nameof(TextEncoderLayer))
    {
        norm1 = nn.LayerNorm(config.Dim);
        attn = new SelfAttention(config.Dim, config.Heads, generator);
        norm2 = nn.LayerNorm(config.Dim);
        mlp = new Mlp(config.Dim, config.MlpHidden, config.Dim, generator);
        register_module(nameof(norm1), norm1);
        register_module(nameof(attn), attn);
        register_module(nameof(norm2), norm2);
        register_module(nameof(mlp), mlp);
    }

    public readonly LayerNorm norm1;

    public readonly SelfAttention attn;

    public readonly LayerNorm norm2;

    public readonly Mlp mlp;

    /// <param name="x">[B, L, D].</param>
    /// <param name="mask">[B, L] bool, true at real tokens: padding is never attended to.</param>
    public Tensor forward(Tensor x, Tensor mask)
    {
        using var scope = NewDisposeScope();
        var h = x + attn.forward(norm1.forward(x), mask);
        return (h + mlp.forward(norm2.forward(h))).MoveToOuterDisposeScope();
    }
}
