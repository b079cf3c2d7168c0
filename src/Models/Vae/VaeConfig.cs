namespace MedVid.Models.Vae;

/// <summary>
/// Sizes of the per-frame KL autoencoder (Stable Diffusion's layout, smaller). Each entry of
/// <see cref="Channels"/> is one resolution level; every level but the last halves the frame,
/// so four levels give 8× spatial compression.
/// </summary>
public sealed record VaeConfig(IReadOnlyList<int> Channels, int ResBlocksPerLevel, int Groups, int LatentChannels = 4, int ImageChannels = 3)
{
    /// <summary>For tests: 8× compression with a few thousand parameters.</summary>
    public static readonly VaeConfig Tiny = new([8, 16, 16, 16], ResBlocksPerLevel: 1, Groups: 4);

    /// <summary>
    /// Tiny's widths with one level fewer: 4× compression, so small structures (cells a few pixels wide at 64 px)
    /// survive the latent; at 8× the tiny VAE erases them.
    /// </summary>
    public static readonly VaeConfig Tiny4x = new([8, 16, 16], ResBlocksPerLevel: 1, Groups: 4);

    /// <summary>The default: SD's layout at half its widths (SD: 128, 256, 512, 512).</summary>
    public static readonly VaeConfig Default = new([64, 128, 256, 256], ResBlocksPerLevel: 2, Groups: 32);

    public int SpatialCompression => 1 << (Channels.Count - 1);

    /// <summary>Whether a checkpoint of one config loads into the other (the record's own equality compares the channel list by reference).</summary>
    public bool SameArchitecture(VaeConfig other) =>
        Channels.SequenceEqual(other.Channels) && (ResBlocksPerLevel, Groups, LatentChannels, ImageChannels) == (other.ResBlocksPerLevel, other.Groups, other.LatentChannels, other.ImageChannels);

    public void Validate()
    {
        if (Channels.Count < 1 || ResBlocksPerLevel < 1 || LatentChannels < 1 || ImageChannels < 1)
            throw new ArgumentException("VAE sizes must be positive");
        foreach (var c in Channels)
            if (c <= 0 || c % Groups != 0) throw new ArgumentException($"VAE width {c} is not a positive multiple of {Groups} groups");
    }
}
