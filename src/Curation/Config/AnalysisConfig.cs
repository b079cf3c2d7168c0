namespace MedVid.Curation.Config;

/// <summary>The size at which sources are decoded for analysis. Detectors work on small frames
/// (PySceneDetect also downscales before scoring); 360 px keeps burnt-in subtitles of a 720p
/// source around 15 px tall, which OCR still reads after its own upscaling.</summary>
public sealed record AnalysisConfig
{
    public int ShortSide { get; init; } = 360;

    /// <summary>Sources above this frame rate are decoded at it; null keeps the native rate.</summary>
    public double? MaxFps { get; init; } = 30;

    internal IEnumerable<string> Validate(string path)
    {
        if (ShortSide is < 32 or > 2160) yield return $"{path}.shortSide must be in [32, 2160], was {ShortSide}.";
        if (MaxFps is <= 0) yield return $"{path}.maxFps must be positive when set, was {MaxFps}.";
    }
}
