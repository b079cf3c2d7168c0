namespace MedVid.Rating.Protocols;

/// <summary>What a rater looks at for one item: one video, or two shown side by side.</summary>
public enum ItemShape
{
    SingleVideo,
    Pair,
}

/// <summary>Ordinal levels have a distance (0-3 scores); nominal ones are only equal or different (pairwise choices).</summary>
public enum ScaleKind
{
    Ordinal,
    Nominal,
}

/// <summary>One answer a rater can give for a criterion. <see cref="Key"/> is what clients send; <see cref="Value"/> is what is stored.</summary>
public sealed record RatingLevel(int Value, string Key, string Label, string Description);

/// <summary>One question of a protocol with its levels, in increasing <see cref="RatingLevel.Value"/> from 0.</summary>
public sealed record RatingCriterion(string Id, string Name, string Description, ScaleKind Scale, IReadOnlyList<RatingLevel> Levels)
{
    public RatingLevel? FindLevel(string key) => Levels.FirstOrDefault(l => string.Equals(l.Key, key, StringComparison.OrdinalIgnoreCase));

    public RatingLevel Level(int value) => Levels.Single(l => l.Value == value);
}

/// <summary>
/// A rating protocol as data: the criteria shown to a rater, how many videos an item has, and (when the paper fixes
/// it) how many raters each item needs.
/// </summary>
public sealed record RatingProtocol(
    string Id, string Name, string Source, ItemShape Shape, IReadOnlyList<RatingCriterion> Criteria, int? RequiredRatersPerItem, string Instructions)
{
    public int VideosPerItem => Shape == ItemShape.Pair ? 2 : 1;

    public RatingCriterion? FindCriterion(string id) => Criteria.FirstOrDefault(c => c.Id == id);
}
