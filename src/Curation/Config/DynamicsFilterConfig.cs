namespace MedVid.Curation.Config;

/// <summary>Ophora's dynamics-based filtering: keyframes are extracted with the content detector
/// and clips with fewer than <see cref="MinKeyframes"/> (nearly static) or more than
/// <see cref="MaxKeyframes"/> (intense shaking) are dropped. Ophora: 2 and 100.</summary>
public sealed record DynamicsFilterConfig
{
    public bool Enabled { get; init; } = true;
    public int MinKeyframes { get; init; } = 2;
    public int MaxKeyframes { get; init; } = 100;

    /// <summary>
    /// Content score against the last keyframe that makes a new keyframe (see DynamicsFilter). Calibrated on the
    /// phantoms: a still clip drifts below 0.5, moving phantoms 2.9 to 10.7 over 8 s. Each clip records its
    /// "dynamics.maxDrift", so a team can calibrate this on its own videos.
    /// </summary>
    public double KeyframeThreshold { get; init; } = 2.0;

    /// <summary>Minimum distance in frames between keyframes. PySceneDetect's default minimum scene length, 15.</summary>
    public int KeyframeMinGapFrames { get; init; } = 15;

    internal IEnumerable<string> Validate(string path)
    {
        if (MinKeyframes < 1) yield return $"{path}.minKeyframes must be at least 1 (the first frame is always a keyframe), was {MinKeyframes}.";
        if (MaxKeyframes < MinKeyframes) yield return $"{path}.maxKeyframes ({MaxKeyframes}) must not be less than minKeyframes ({MinKeyframes}).";
        if (KeyframeThreshold is <= 0 or > 255) yield return $"{path}.keyframeThreshold must be in (0, 255], was {KeyframeThreshold}.";
        if (KeyframeMinGapFrames < 1) yield return $"{path}.keyframeMinGapFrames must be at least 1, was {KeyframeMinGapFrames}.";
    }
}
