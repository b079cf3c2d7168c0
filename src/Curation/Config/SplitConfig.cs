namespace MedVid.Curation.Config;

/// <summary>Train/test split by source video (Ophora: 80/20), so clips of one recording never
/// appear on both sides. A source's side depends only on its id and the seed, never on which
/// other sources are in the dataset, so a source keeps its side across dataset versions.</summary>
public sealed record SplitConfig
{
    public double TestFraction { get; init; } = 0.2;
    public string Seed { get; init; } = "medvid-split";

    internal IEnumerable<string> Validate(string path)
    {
        if (TestFraction is < 0 or > 1) yield return $"{path}.testFraction must be in [0, 1], was {TestFraction}.";
    }
}
