namespace MedVid.Models.Dit;

/// <summary>The named DiT sizes. Parameter counts are in docs/models.md (from <see cref="DitConfig.ParameterCount"/>).</summary>
public static class DitSizes
{
    /// <summary>For tests: builds and runs in milliseconds.</summary>
    public static readonly DitConfig Tiny = new("tiny", Hidden: 64, Depth: 2, Heads: 4, TextDim: 32);

    /// <summary>
    /// Tiny on latents of a 4× VAE: 4×4 latent patches, so a 64-px frame is still 4×4 tokens and costs what tiny costs on
    /// an 8× VAE, while the VAE keeps twice the spatial detail (the phantom cells, docs/benchmarks-phantoms.md).
    /// </summary>
    public static readonly DitConfig Tiny4x = new("tiny-4x", Hidden: 64, Depth: 2, Heads: 4, TextDim: 32) { PatchH = 4, PatchW = 4 };

    /// <summary>
    /// Tiny-4x twice as wide and twice as deep: on the phantoms its videos hold together in time (frame consistency 0.86
    /// against tiny-4x's 0.59 at the same steps, docs/benchmarks-phantoms.md), at about four times the cost per step.
    /// </summary>
    public static readonly DitConfig Mini4x = new("mini-4x", Hidden: 128, Depth: 4, Heads: 4, TextDim: 32) { PatchH = 4, PatchW = 4 };

    /// <summary>For CPU experiments and the training-step benchmark.</summary>
    public static readonly DitConfig Small = new("small", Hidden: 256, Depth: 4, Heads: 4, TextDim: 256);

    /// <summary>
    /// MedSora-S-like: MedSora-S's embedding width (512) and patch size (2), attention blocks in place
    /// of its Mamba blocks, depth 7 so the attention model lands near MedSora-S's ~40M parameters.
    /// </summary>
    public static readonly DitConfig MedSoraS = new("medsora-s", Hidden: 512, Depth: 7, Heads: 8, TextDim: 512);

    /// <summary>Open-Sora STDiT-XL/2 widths; TextDim 4096 is T5-v1.1-XXL's, the encoder Open-Sora uses.</summary>
    public static readonly DitConfig XL = new("xl", Hidden: 1152, Depth: 28, Heads: 16, TextDim: 4096);

    public static IReadOnlyList<DitConfig> All { get; } = [Tiny, Tiny4x, Mini4x, Small, MedSoraS, XL];

    public static DitConfig Get(string name) =>
        All.FirstOrDefault(c => c.Name == name)
        ?? throw new ArgumentException($"unknown DiT size '{name}'; known: {string.Join(", ", All.Select(c => c.Name))}");
}
