namespace MedVid.Curation.Config;

/// <summary>Cutting scenes into training clips. Scenes shorter than the minimum are dropped; longer
/// than the maximum are cut into consecutive pieces of at most the maximum (a trailing piece
/// shorter than the minimum is dropped). Defaults follow MedGen (most clips 6-10 s) and Bora
/// (5-second targets): 2 s to 10 s.</summary>
public sealed record ClipSplitConfig
{
    public double MinSeconds { get; init; } = 2.0;
    public double MaxSeconds { get; init; } = 10.0;

    internal IEnumerable<string> Validate(string path)
    {
        if (MinSeconds <= 0) yield return $"{path}.minSeconds must be positive, was {MinSeconds}.";
        if (MaxSeconds < MinSeconds) yield return $"{path}.maxSeconds ({MaxSeconds}) must not be less than minSeconds ({MinSeconds}).";
    }
}
