namespace MedVid.Curation.Config;

/// <summary>Stage names as they appear in decisions, statistics and <see cref="CurationConfig.FilterOrder"/>.</summary>
public static class StageNames
{
    /// <summary>Probing and decoding a source: kept when it decoded, dropped (with why) when it could not be used.</summary>
    public const string Source = "source";
    public const string SceneDetection = "scene-detection";
    public const string ClipSplit = "clip-split";
    public const string Resolution = "resolution";
    public const string Dynamics = "dynamics";
    public const string TemporalConsistency = "temporal-consistency";
    public const string BlackBorder = "black-border";
    public const string TechnicalQuality = "technical-quality";
    public const string TextOverlay = "text-overlay";
    public const string FrameSampling = "frame-sampling";
    public const string Captioning = "captioning";
    public const string ModalityBalance = "modality-balance";
    public const string Split = "split";

    /// <summary>Clip filters whose order the config may change: cheap checks first, OCR last.</summary>
    public static readonly IReadOnlyList<string> Filters =
        [Resolution, Dynamics, TemporalConsistency, BlackBorder, TechnicalQuality, TextOverlay];
}
