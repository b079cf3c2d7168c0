namespace MedVid.Curation.Config;

/// <summary>MedGen keeps only clips whose adjacent frames are similar (CLIP similarity above a
/// threshold). No CLIP model exists here, so similarity is the Pearson correlation of adjacent
/// 32x32 luma thumbnails: 1 for identical structure, near 0 for unrelated frames. A clip is
/// dropped when any adjacent pair falls below <see cref="MinAdjacentSimilarity"/>.</summary>
public sealed record TemporalConsistencyConfig
{
    public bool Enabled { get; init; } = true;

    /// <summary>Default 0.5: a camera pan over tissue keeps correlations well above it, a flash,
    /// glitch or unnoticed cut falls below.</summary>
    public double MinAdjacentSimilarity { get; init; } = 0.5;

    public int ThumbnailSize { get; init; } = 32;

    internal IEnumerable<string> Validate(string path)
    {
        if (MinAdjacentSimilarity is < -1 or > 1) yield return $"{path}.minAdjacentSimilarity must be in [-1, 1], was {MinAdjacentSimilarity}.";
        if (ThumbnailSize is < 4 or > 256) yield return $"{path}.thumbnailSize must be in [4, 256], was {ThumbnailSize}.";
    }
}
