namespace MedVid.Curation.Config;

public enum BlackBorderMethod
{
    /// <summary>ffmpeg cropdetect: scan lines inward from each edge while the line's mean luma stays at or below a limit.</summary>
    CropDetect,

    /// <summary>MedGen: Canny edges, then axis-aligned Hough lines near the frame edges that separate a dark band.</summary>
    CannyHough,
}

/// <summary>MedGen's black-border removal: clips with a persistent border on any side are dropped.
/// A border is persistent when it is present on every sampled frame (the crop rectangle is the
/// union of content over the samples, as cropdetect accumulates it).</summary>
public sealed record BlackBorderConfig
{
    public bool Enabled { get; init; } = true;
    public BlackBorderMethod Method { get; init; } = BlackBorderMethod.CropDetect;

    /// <summary>Frames sampled uniformly from the clip. MedGen samples 5 frames for its frame-level filters.</summary>
    public int SampleFrames { get; init; } = 5;

    /// <summary>Luma (0..255) at or below which a line counts as black. cropdetect's default is 24.</summary>
    public double Limit { get; init; } = 24.0;

    /// <summary>A border thicker than this fraction of the frame's width (left/right) or height
    /// (top/bottom) drops the clip. Default 0.02: thinner strips are encoder padding or vignetting.</summary>
    public double MaxBorderFraction { get; init; } = 0.02;

    /// <summary>Canny thresholds on the L1 Sobel magnitude (CannyHough only).</summary>
    public double CannyLow { get; init; } = 50;
    public double CannyHigh { get; init; } = 150;

    /// <summary>Fraction of a line's pixels that must be edge pixels for the Hough vote to accept it (CannyHough only).</summary>
    public double HoughMinLineFraction { get; init; } = 0.6;

    internal IEnumerable<string> Validate(string path)
    {
        if (SampleFrames < 1) yield return $"{path}.sampleFrames must be at least 1, was {SampleFrames}.";
        if (Limit is < 0 or > 255) yield return $"{path}.limit must be in [0, 255], was {Limit}.";
        if (MaxBorderFraction is < 0 or >= 0.5) yield return $"{path}.maxBorderFraction must be in [0, 0.5), was {MaxBorderFraction}.";
        if (CannyLow < 0 || CannyHigh < CannyLow) yield return $"{path}.cannyLow/cannyHigh must satisfy 0 <= low <= high, were {CannyLow}/{CannyHigh}.";
        if (HoughMinLineFraction is <= 0 or > 1) yield return $"{path}.houghMinLineFraction must be in (0, 1], was {HoughMinLineFraction}.";
    }
}
