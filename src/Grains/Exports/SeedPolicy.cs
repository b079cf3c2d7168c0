namespace MedVid.Grains.Exports;

/// <summary>
/// How each video's seed is chosen. "fresh": drawn anew for every export run (a schedule adds new videos each time).
/// "fixed": the same list for every label and every run, one seed per video, so an export can be regenerated exactly.
/// Either way every seed used is written into the manifest.
/// </summary>
public sealed record SeedPolicy(string Kind, IReadOnlyList<long>? Seeds = null)
{
    public const string Fresh = "fresh";
    public const string Fixed = "fixed";

    public static readonly SeedPolicy FreshSeeds = new(Fresh);

    public IEnumerable<string> Problems(int videosPerLabel)
    {
        if (Kind == Fresh)
        {
            if (Seeds is { Count: > 0 }) yield return "seeds.seeds must be empty when seeds.kind is 'fresh'.";
        }
        else if (Kind == Fixed)
        {
            if (Seeds is null || Seeds.Count != videosPerLabel)
                yield return $"seeds.kind 'fixed' needs exactly {videosPerLabel} seeds (one per video of a label), got {Seeds?.Count ?? 0}.";
            else if (Seeds.Any(s => s is < 0 or > int.MaxValue)) yield return $"Seeds must be between 0 and {int.MaxValue}.";
        }
        else
        {
            yield return $"Unknown seeds.kind '{Kind}'; known: {Fresh}, {Fixed}.";
        }
    }

    /// <summary>The seeds of one label's videos in one run.</summary>
    public IReadOnlyList<long> Draw(int videosPerLabel, Random random) =>
        Kind == Fixed ? Seeds! : [.. Enumerable.Range(0, videosPerLabel).Select(_ => random.NextInt64(0, int.MaxValue))];
}
