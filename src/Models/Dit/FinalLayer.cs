using MedVid.Engine.Layers;
using TorchSharp.Modules;
using MedVid.Models.Layers;
using static TorchSharp.torch;

namespace MedVid.Models.Dit;

/// <summary>
/// adaLN-single output head: LayerNorm, shift/scale from the timestep embedding plus a learned
/// table, then a linear map to one patch of every latent channel per token.
/// </summary>
public sealed class FinalLayer : nn.Module
{
    private readonly long hidden;

    public FinalLayer(DitConfig config, Generator? generator = null) : base(nameof(FinalLayer))
    {
        hidden = config.Hidden;
        norm_final = nn.LayerNorm(hidden, eps: 1e-6, elementwise_affine: false);
        linear = SeededLayers.Linear(hidden, config.OutputPerToken, generator: generator);
        using (no_grad()) scale_shift_table = OwnedParameter.From(randn([2, hidden], generator: generator).div_(Math.Sqrt(hidden)));
        register_module(nameof(norm_final), norm_final);
        register_module(nameof(linear), linear);
        register_parameter(nameof(scale_shift_table), scale_shift_table);
        // DiT: a zero output layer makes the fresh model predict zero noise.
        ModelInit.Zeros(linear.weight);
        ModelInit.Zeros(linear.bias);
    }

    public readonly LayerNorm norm_final;

    public readonly Linear linear;

    public readonly Parameter scale_shift_table;

    /// <param name="x">[B, N, C].</param>
    /// <param name="timestepEmbedding">[B, C], before the adaLN-single MLP.</param>
    public Tensor forward(Tensor x, Tensor timestepEmbedding)
    {
        using var scope = NewDisposeScope();
        var mod = (scale_shift_table.unsqueeze(0) + timestepEmbedding.unsqueeze(1)).chunk(2, 1);
        var h = DitBlock.Modulate(norm_final.forward(x), mod[0], mod[1]);
        return linear.forward(h).MoveToOuterDisposeScope();
    }
}
