namespace MedVid.Curation.Config;

public enum FrameCountMode
{
    /// <summary>Ophora: longer clips are sampled uniformly down to the frame count.</summary>
    UniformSample,

    /// <summary>Longer clips keep their first frames only.</summary>
    Truncate,
}

/// <summary>How a kept clip is shaped for training: Bora's resize-shortest-side-then-center-crop,
/// Bora's adaptive frame interval, and Ophora's fixed frame count with zero padding.</summary>
public sealed record OutputShapeConfig
{
    /// <summary>Output width. Bora: 256 (presets: 256x256, 128x128, and 720x480 as Ophora/MedGen).</summary>
    public int Width { get; init; } = 256;
    public int Height { get; init; } = 256;

    /// <summary>Bora's threshold K: the frame interval grows from 0 until the mean change between
    /// consecutive kept frames (mean absolute luma difference, 0..255) exceeds K. 0 keeps every frame.</summary>
    public double SamplingThresholdK { get; init; } = 0;

    /// <summary>Largest frame interval (frames skipped between kept frames) the sampler may reach.</summary>
    public int MaxSamplingInterval { get; init; } = 8;

    /// <summary>Fixed number of output frames (Ophora: 49); null keeps the sampled count.</summary>
    public int? FrameCount { get; init; }

    public FrameCountMode FrameCountMode { get; init; } = FrameCountMode.UniformSample;

    internal IEnumerable<string> Validate(string path)
    {
        if (Width is < 8 or > 4096 || Height is < 8 or > 4096) yield return $"{path}.width/height must be in [8, 4096], were {Width}x{Height}.";
        if (Width % 2 != 0 || Height % 2 != 0) yield return $"{path}.width/height must be even for H.264 (yuv420p), were {Width}x{Height}.";
        if (SamplingThresholdK is < 0 or > 255) yield return $"{path}.samplingThresholdK must be in [0, 255], was {SamplingThresholdK}.";
        if (MaxSamplingInterval < 0) yield return $"{path}.maxSamplingInterval must not be negative, was {MaxSamplingInterval}.";
        if (FrameCount is < 1) yield return $"{path}.frameCount must be at least 1 when set, was {FrameCount}.";
    }
}
