namespace MedVid.Curation.Config;

/// <summary>Technical quality: MedGen filters with DOVER's technical score and the LAION aesthetic
/// predictor, which need pretrained networks that are not available here. These classic measures
/// cover the same failures (blur, bad exposure, compression blocks) on sampled frames.</summary>
public sealed record TechnicalQualityConfig
{
    public bool Enabled { get; init; } = true;
    public int SampleFrames { get; init; } = 5;

    /// <summary>Variance of the Laplacian of luma; below this the clip is blurred. Default 15
    /// (sharp endoscopy at 256 px scores in the hundreds, a defocused frame in single digits).</summary>
    public double MinSharpness { get; init; } = 15;

    /// <summary>Mean luma (0..255) below which the clip is under-exposed. Default 16 (video black level).</summary>
    public double MinMeanLuma { get; init; } = 16;

    /// <summary>Mean luma above which the clip is over-exposed. Default 235 (video white level).</summary>
    public double MaxMeanLuma { get; init; } = 235;

    /// <summary>Fraction of pixels clipped at black (&lt;= 5) or white (&gt;= 250) above which exposure fails.</summary>
    public double MaxClippedFraction { get; init; } = 0.6;

    /// <summary>Ratio of the luma step across 8-pixel block boundaries to the step inside blocks;
    /// above this the codec's blocks are visible. Natural images score about 1.</summary>
    public double MaxBlockiness { get; init; } = 2.0;

    internal IEnumerable<string> Validate(string path)
    {
        if (SampleFrames < 1) yield return $"{path}.sampleFrames must be at least 1, was {SampleFrames}.";
        if (MinSharpness < 0) yield return $"{path}.minSharpness must not be negative, was {MinSharpness}.";
        if (MinMeanLuma < 0 || MaxMeanLuma > 255 || MinMeanLuma >= MaxMeanLuma)
            yield return $"{path}.minMeanLuma/maxMeanLuma must satisfy 0 <= min < max <= 255, were {MinMeanLuma}/{MaxMeanLuma}.";
        if (MaxClippedFraction is <= 0 or > 1) yield return $"{path}.maxClippedFraction must be in (0, 1], was {MaxClippedFraction}.";
        if (MaxBlockiness <= 1) yield return $"{path}.maxBlockiness must be above 1 (1 means no block structure), was {MaxBlockiness}.";
    }
}
