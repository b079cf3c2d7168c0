namespace MedVid.Models.Dit;

/// <summary>
/// Sizes of a spatial-temporal DiT (Open-Sora STDiT / Bora). <see cref="TextDim"/> is the width
/// of the text encoder's token embeddings; the DiT projects them to <see cref="Hidden"/>.
/// </summary>
public sealed record DitConfig(string Name, int Hidden, int Depth, int Heads, int TextDim, int InChannels = 4, double MlpRatio = 4.0)
{
    /// <summary>Patch size over (time, height, width): every frame is cut into 2×2 latent patches.</summary>
    public int PatchT { get; init; } = 1;

    public int PatchH { get; init; } = 2;

    public int PatchW { get; init; } = 2;

    /// <summary>Width of the sinusoidal timestep features fed to the timestep MLP (as DiT/PixArt).</summary>
    public int FrequencyDim { get; init; } = 256;

    /// <summary>
    /// Also condition every block's adaLN on the masked mean of the text tokens (added to the timestep embedding, as
    /// MMDiT / Open-Sora 2 do with a pooled text vector), besides cross-attention. Global attributes (the modality)
    /// then steer every block from the first step; docs/benchmarks-phantoms.md has the ablation that kept it.
    /// </summary>
    public bool PooledText { get; init; }

    public int MlpHidden => (int)(Hidden * MlpRatio);

    public int PatchVolume => PatchT * PatchH * PatchW;

    /// <summary>Values per output token: one patch of every latent channel (epsilon only, no learned sigma).</summary>
    public int OutputPerToken => PatchVolume * InChannels;

    public void Validate()
    {
        if (Hidden <= 0 || Depth <= 0 || Heads <= 0 || TextDim <= 0 || InChannels <= 0)
            throw new ArgumentException($"DiT '{Name}': sizes must be positive");
        if (Hidden % Heads != 0) throw new ArgumentException($"DiT '{Name}': hidden {Hidden} is not divisible by {Heads} heads");
        // The 2D sin-cos position embedding splits the width in halves (rows, columns), each sin and cos.
        if (Hidden % 4 != 0) throw new ArgumentException($"DiT '{Name}': hidden {Hidden} must be a multiple of 4");
        if (FrequencyDim % 2 != 0) throw new ArgumentException($"DiT '{Name}': frequency dim must be even");
    }

    /// <summary>
    /// Trainable parameters implied by the config, without building the model (XL is too large to
    /// build in tests). A test checks this formula against the real modules of small sizes.
    /// </summary>
    public long ParameterCount()
    {
        long h = Hidden, d = TextDim, m = MlpHidden, f = FrequencyDim, o = OutputPerToken;
        static long Linear(long inF, long outF) => inF * outF + outF;
        var patchEmbed = InChannels * (long)PatchVolume * h + h;
        var timestep = Linear(f, h) + Linear(h, h);
        var adaLnSingle = Linear(h, 6 * h);
        var captionProjection = Linear(d, h) + Linear(h, h);
        var pooledProjection = PooledText ? Linear(d, h) + Linear(h, h) : 0;
        var block = Linear(h, 3 * h) + Linear(h, h)            // spatial attention
                  + Linear(h, 3 * h) + Linear(h, h)            // temporal attention
                  + Linear(h, h) + Linear(h, 2 * h) + Linear(h, h) // cross-attention
                  + Linear(h, m) + Linear(m, h)                // MLP
                  + 6 * h;                                     // scale-shift table
        var final = Linear(h, o) + 2 * h;
        return patchEmbed + timestep + adaLnSingle + captionProjection + pooledProjection + Depth * block + final;
    }
}
