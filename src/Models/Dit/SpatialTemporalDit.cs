using MedVid.Engine.Layers;
using TorchSharp.Modules;
using MedVid.Models.Layers;
using static TorchSharp.torch;

namespace MedVid.Models.Dit;

/// <summary>
/// Spatial-temporal diffusion transformer (Open-Sora STDiT, as fine-tuned by Bora): predicts the
/// noise (epsilon) in video latents given the diffusion timestep and text tokens. It knows nothing
/// of noise schedules: the caller noises latents and picks timesteps.
/// </summary>
public sealed class SpatialTemporalDit : nn.Module
{
    public SpatialTemporalDit(DitConfig config, Generator? generator = null) : base(nameof(SpatialTemporalDit))
    {
        config.Validate();
        Config = config;
        x_embedder = new PatchEmbed(config, generator);
        t_embedder = new TimestepEmbedder(config.Hidden, config.FrequencyDim, generator);
        t_block = SeededLayers.Linear(config.Hidden, 6L * config.Hidden, generator: generator);
        caption_projection = new Mlp(config.TextDim, config.Hidden, config.Hidden, generator);
        if (config.PooledText) pooled_text_projection = new Mlp(config.TextDim, config.Hidden, config.Hidden, generator);
        blocks = new ModuleList<DitBlock>();
        for (var i = 0; i < config.Depth; i++) blocks.Add(new DitBlock(config, generator));
        final_layer = new FinalLayer(config, generator);
        register_module(nameof(x_embedder), x_embedder);
        register_module(nameof(t_embedder), t_embedder);
        register_module(nameof(t_block), t_block);
        register_module(nameof(caption_projection), caption_projection);
        if (pooled_text_projection is not null) register_module(nameof(pooled_text_projection), pooled_text_projection);
        register_module(nameof(blocks), blocks);
        register_module(nameof(final_layer), final_layer);
        InitializeWeights(generator);
    }

    public DitConfig Config { get; }

    public readonly PatchEmbed x_embedder;

    public readonly TimestepEmbedder t_embedder;

    /// <summary>The adaLN-single MLP (after a SiLU): timestep embedding → [B, 6·hidden] shared by all blocks.</summary>
    public readonly Linear t_block;

    public readonly Mlp caption_projection;

    /// <summary>Pooled text → hidden, added to the timestep embedding (null unless <see cref="DitConfig.PooledText"/>).</summary>
    public readonly Mlp? pooled_text_projection;

    public readonly ModuleList<DitBlock> blocks;

    public readonly FinalLayer final_layer;

    /// <summary>
    /// Predicts epsilon for noisy latents.
    /// </summary>
    /// <param name="x">[B, C, T, H, W] latents; H and W divisible by 2.</param>
    /// <param name="timesteps">[B] int64 diffusion timesteps.</param>
    /// <param name="context">[B, L, TextDim] text token embeddings.</param>
    /// <param name="contextMask">[B, L] bool, true at real tokens (at least one per row).</param>
    /// <returns>[B, C, T, H, W].</returns>
    public Tensor forward(Tensor x, Tensor timesteps, Tensor context, Tensor contextMask)
    {
        var shape = x.shape;
        CheckInputs(shape, timesteps, context, contextMask);
        long b = shape[0], frames = shape[2] / Config.PatchT, rows = shape[3] / Config.PatchH, cols = shape[4] / Config.PatchW;
        using var scope = NewDisposeScope();

        var tokens = x_embedder.forward(x).view(b, frames, rows * cols, Config.Hidden);
        var spatialPos = SinCosEmbedding.Spatial((int)rows, (int)cols, Config.Hidden, x.device).to(x.dtype);
        var temporalPos = SinCosEmbedding.Temporal((int)frames, Config.Hidden, x.device).to(x.dtype);
        var h = (tokens + spatialPos.unsqueeze(0) + temporalPos.unsqueeze(1)).view(b, frames * rows * cols, Config.Hidden);

        var t = t_embedder.forward(timesteps);
        if (pooled_text_projection is not null) t = t + pooled_text_projection.forward(MaskedMean(context, contextMask));
        var modulation = t_block.forward(nn.functional.silu(t));
        var text = caption_projection.forward(context);

        foreach (var block in blocks) h = block.forward(h, modulation, text, contextMask, frames);

        var patches = final_layer.forward(h, t);
        return Unpatchify(patches, b, frames, rows, cols).MoveToOuterDisposeScope();
    }

    /// <summary>[B, L, D] tokens, [B, L] mask → [B, D]: the mean of the real tokens.</summary>
    private static Tensor MaskedMean(Tensor context, Tensor contextMask)
    {
        var keep = contextMask.unsqueeze(2).to(context.dtype);
        return (context * keep).sum(1) / keep.sum(1).clamp_min(1);
    }

    /// <summary>[B, T'·H'·W', pt·ph·pw·C] → [B, C, T'·pt, H'·ph, W'·pw]; patch values are ordered (pt, ph, pw, C).</summary>
    private Tensor Unpatchify(Tensor patches, long b, long frames, long rows, long cols)
    {
        long pt = Config.PatchT, ph = Config.PatchH, pw = Config.PatchW, c = Config.InChannels;
        return patches.view(b, frames, rows, cols, pt, ph, pw, c)
            .permute(0, 7, 1, 4, 2, 5, 3, 6)
            .reshape(b, c, frames * pt, rows * ph, cols * pw);
    }

    private void CheckInputs(long[] shape, Tensor timesteps, Tensor context, Tensor contextMask)
    {
        if (shape.Length != 5 || shape[1] != Config.InChannels)
            throw new ArgumentException($"latents must be [B, {Config.InChannels}, T, H, W], got [{string.Join(", ", shape)}]");
        if (shape[2] % Config.PatchT != 0 || shape[3] % Config.PatchH != 0 || shape[4] % Config.PatchW != 0)
            throw new ArgumentException($"latent T, H, W ({shape[2]}, {shape[3]}, {shape[4]}) must be divisible by the patch ({Config.PatchT}, {Config.PatchH}, {Config.PatchW})");
        if (!timesteps.shape.AsSpan().SequenceEqual([shape[0]]))
            throw new ArgumentException($"timesteps must be [B] = [{shape[0]}]");
        var c = context.shape;
        if (c.Length != 3 || c[0] != shape[0] || c[2] != Config.TextDim)
            throw new ArgumentException($"context must be [{shape[0]}, L, {Config.TextDim}], got [{string.Join(", ", c)}]");
        if (!contextMask.shape.AsSpan().SequenceEqual([c[0], c[1]]) || contextMask.dtype != ScalarType.Bool)
            throw new ArgumentException($"context mask must be bool [{c[0]}, {c[1]}]");
    }

    /// <summary>
    /// PixArt-alpha / Open-Sora initialisation: Xavier-uniform linears with zero bias, N(0, 0.02)
    /// for the timestep MLP, adaLN-single and caption projection, and zero output projections for
    /// temporal attention, cross-attention, the pooled-text projection and the final layer.
    /// </summary>
    private void InitializeWeights(Generator? generator)
    {
        foreach (var block in blocks)
        {
            foreach (var layer in new[] { block.attn.qkv, block.attn.proj, block.attn_temp.qkv, block.cross_attn.q, block.cross_attn.kv, block.mlp.fc1, block.mlp.fc2 })
            {
                ModelInit.XavierUniform(layer.weight, generator);
                ModelInit.Zeros(layer.bias);
            }
            ModelInit.Zeros(block.attn_temp.proj.weight);
            ModelInit.Zeros(block.attn_temp.proj.bias);
            ModelInit.Zeros(block.cross_attn.proj.weight);
            ModelInit.Zeros(block.cross_attn.proj.bias);
        }
        ModelInit.Normal(t_block.weight, 0.02, generator);
        ModelInit.Zeros(t_block.bias);
        ModelInit.XavierUniform(caption_projection.fc1.weight, generator);
        ModelInit.XavierUniform(caption_projection.fc2.weight, generator);
        if (pooled_text_projection is { } pooled)
        {
            // Zero output: a fresh model is the same with or without it, and fc2 learns from the first step.
            ModelInit.XavierUniform(pooled.fc1.weight, generator);
            ModelInit.Zeros(pooled.fc1.bias);
            ModelInit.Zeros(pooled.fc2.weight);
            ModelInit.Zeros(pooled.fc2.bias);
        }
    }
}
