using MedVid.Engine.Layers;
using TorchSharp.Modules;
using MedVid.Models.Layers;
using static TorchSharp.torch;

namespace MedVid.Models.Dit;

/// <summary>
/// One STDiT block over frame-major tokens [B, T·S, C] (S tokens per frame):
/// spatial self-attention within each frame, temporal self-attention across frames at each
/// spatial position, cross-attention to the text, and an MLP. Timestep modulation is
/// adaLN-single (PixArt-alpha): the model computes one [B, 6C] vector for all blocks and each
/// block adds its own learned <c>scale_shift_table</c> to it.
/// </summary>
public sealed class DitBlock : nn.Module
{
    private readonly long hidden;

    public DitBlock(DitConfig config, Generator? generator = null) : base(nameof(DitBlock))
    {
        hidden = config.Hidden;
        norm1 = nn.LayerNorm(hidden, eps: 1e-6, elementwise_affine: false);
        attn = new SelfAttention(hidden, config.Heads, generator);
        attn_temp = new SelfAttention(hidden, config.Heads, generator);
        cross_attn = new CrossAttention(hidden, config.Heads, generator);
        norm2 = nn.LayerNorm(hidden, eps: 1e-6, elementwise_affine: false);
        mlp = new Mlp(hidden, config.MlpHidden, hidden, generator);
        using (no_grad()) scale_shift_table = OwnedParameter.From(randn([6, hidden], generator: generator).div_(Math.Sqrt(hidden)));
        register_module(nameof(norm1), norm1);
        register_module(nameof(attn), attn);
        register_module(nameof(attn_temp), attn_temp);
        register_module(nameof(cross_attn), cross_attn);
        register_module(nameof(norm2), norm2);
        register_module(nameof(mlp), mlp);
        register_parameter(nameof(scale_shift_table), scale_shift_table);
    }

    public readonly LayerNorm norm1;

    public readonly SelfAttention attn;

    /// <summary>Temporal attention; its output projection starts at zero so a pretrained image model is unchanged at first.</summary>
    public readonly SelfAttention attn_temp;

    /// <summary>Cross-attention to the text; its output projection starts at zero.</summary>
    public readonly CrossAttention cross_attn;

    public readonly LayerNorm norm2;

    public readonly Mlp mlp;

    public readonly Parameter scale_shift_table;

    /// <param name="x">[B, T·S, C] tokens, frame-major.</param>
    /// <param name="modulation">[B, 6C] from the model's shared adaLN-single MLP.</param>
    /// <param name="context">[B, L, C] text tokens, already projected to the hidden width.</param>
    /// <param name="contextMask">[B, L] bool, true at real tokens.</param>
    public Tensor forward(Tensor x, Tensor modulation, Tensor context, Tensor contextMask, long frames)
    {
        using var scope = NewDisposeScope();
        var shape = x.shape;
        long b = shape[0], n = shape[1], s = n / frames;
        var mod = (scale_shift_table.unsqueeze(0) + modulation.view(b, 6, hidden)).chunk(6, 1); // each [B, 1, C]
        Tensor shiftMsa = mod[0], scaleMsa = mod[1], gateMsa = mod[2], shiftMlp = mod[3], scaleMlp = mod[4], gateMlp = mod[5];

        var h = Modulate(norm1.forward(x), shiftMsa, scaleMsa);
        var spatial = attn.forward(h.view(b * frames, s, hidden)).view(b, n, hidden);
        x = x + gateMsa * spatial;

        // As Open-Sora's STDiT, the temporal branch reads the residual stream and shares gate_msa.
        var byPosition = x.view(b, frames, s, hidden).transpose(1, 2).reshape(b * s, frames, hidden);
        var temporal = attn_temp.forward(byPosition).view(b, s, frames, hidden).transpose(1, 2).reshape(b, n, hidden);
        x = x + gateMsa * temporal;

        x = x + cross_attn.forward(x, context, contextMask);

        var m = mlp.forward(Modulate(norm2.forward(x), shiftMlp, scaleMlp));
        return (x + gateMlp * m).MoveToOuterDisposeScope();
    }

    /// <summary>x·(1 + scale) + shift, as t2i_modulate in PixArt-alpha.</summary>
    internal static Tensor Modulate(Tensor x, Tensor shift, Tensor scale) => x * (scale + 1) + shift;
}
