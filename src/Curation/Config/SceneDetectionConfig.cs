namespace MedVid.Curation.Config;

public enum SceneDetectorKind
{
    /// <summary>PySceneDetect's ContentDetector: a cut where the HSV content score reaches a fixed threshold.</summary>
    Content,

    /// <summary>PySceneDetect's AdaptiveDetector: a cut where the score stands out against a rolling average
    /// of its neighbours, which suppresses false cuts during fast camera moves.</summary>
    Adaptive,
}

/// <summary>Scene (shot) detection that splits a source into scenes. Defaults are PySceneDetect's.</summary>
public sealed record SceneDetectionConfig
{
    public SceneDetectorKind Detector { get; init; } = SceneDetectorKind.Content;

    /// <summary>Content detector: mean HSV delta (0..255 scale) at or above which a cut is declared. PySceneDetect default 27.</summary>
    public double Threshold { get; init; } = 27.0;

    /// <summary>Minimum scene length in frames; a cut closer than this to the previous one is ignored. PySceneDetect default 15.</summary>
    public int MinSceneLengthFrames { get; init; } = 15;

    /// <summary>Adaptive detector: ratio of a frame's score to the mean of its neighbours that triggers a cut. Default 3.0.</summary>
    public double AdaptiveThreshold { get; init; } = 3.0;

    /// <summary>Adaptive detector: neighbours on each side averaged for the ratio. Default 2.</summary>
    public int AdaptiveWindowFrames { get; init; } = 2;

    /// <summary>Adaptive detector: the score itself must also reach this. Default 15.</summary>
    public double AdaptiveMinContentValue { get; init; } = 15.0;

    internal IEnumerable<string> Validate(string path)
    {
        if (Threshold is <= 0 or > 255) yield return $"{path}.threshold must be in (0, 255], was {Threshold}.";
        if (MinSceneLengthFrames < 1) yield return $"{path}.minSceneLengthFrames must be at least 1, was {MinSceneLengthFrames}.";
        if (AdaptiveThreshold <= 0) yield return $"{path}.adaptiveThreshold must be positive, was {AdaptiveThreshold}.";
        if (AdaptiveWindowFrames < 1) yield return $"{path}.adaptiveWindowFrames must be at least 1, was {AdaptiveWindowFrames}.";
        if (AdaptiveMinContentValue is < 0 or > 255) yield return $"{path}.adaptiveMinContentValue must be in [0, 255], was {AdaptiveMinContentValue}.";
    }
}
