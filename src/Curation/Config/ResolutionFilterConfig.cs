namespace MedVid.Curation.Config;

/// <summary>Drops clips whose source is smaller than the minimum. Orientation does not matter:
/// the long side is compared with <see cref="MinWidth"/> and the short side with
/// <see cref="MinHeight"/>. Ophora drops below 720x480; MedGen keeps above 480p.</summary>
public sealed record ResolutionFilterConfig
{
    public bool Enabled { get; init; } = true;
    public int MinWidth { get; init; } = 720;
    public int MinHeight { get; init; } = 480;

    internal IEnumerable<string> Validate(string path)
    {
        if (MinWidth < 1 || MinHeight < 1) yield return $"{path}.minWidth and minHeight must be at least 1, were {MinWidth}x{MinHeight}.";
        if (MinHeight > MinWidth) yield return $"{path}.minHeight ({MinHeight}) is the short side and must not exceed minWidth ({MinWidth}).";
    }
}
