namespace MedVid.Curation.Config;

/// <summary>How sources are decoded for analysis. Detectors work on small frames (PySceneDetect
/// also downscales before scoring): a 256 px short side keeps burnt-in subtitles of a 720p
/// source around 11 px tall, which OCR still reads after its own enlargement. Long sources are
/// analysed in windows so memory stays bounded (a 60 s window at 30 fps and 455x256 holds about
/// 630 MB); a window boundary acts as a scene boundary.</summary>
public sealed record AnalysisConfig
{
    public int ShortSide { get; init; } = 256;

    /// <summary>Sources above this frame rate are decoded at it; null keeps the native rate.</summary>
    public double? MaxFps { get; init; } = 30;

    /// <summary>Length of one analysis window in seconds.</summary>
    public double WindowSeconds { get; init; } = 60;

    /// <summary>Sources wider than this (display width, pixels) are refused as failed sources rather than
    /// decoded: a 10,000-pixel-wide frame is a mistake or an attack, not a recording. 8192 admits 8K.</summary>
    public int MaxSourceWidth { get; init; } = 8192;

    /// <summary>Sources taller than this (display height) are refused likewise.</summary>
    public int MaxSourceHeight { get; init; } = 8192;

    internal IEnumerable<string> Validate(string path)
    {
        if (ShortSide is < 32 or > 2160) yield return $"{path}.shortSide must be in [32, 2160], was {ShortSide}.";
        if (MaxFps is <= 0) yield return $"{path}.maxFps must be positive when set, was {MaxFps}.";
        if (WindowSeconds < 1) yield return $"{path}.windowSeconds must be at least 1, was {WindowSeconds}.";
        if (MaxSourceWidth < 32) yield return $"{path}.maxSourceWidth must be at least 32, was {MaxSourceWidth}.";
        if (MaxSourceHeight < 32) yield return $"{path}.maxSourceHeight must be at least 32, was {MaxSourceHeight}.";
    }
}
