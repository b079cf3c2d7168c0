namespace MedVid.Rating.Statistics;

/// <summary>
/// An item as the statistics see it: its id, the system (model and checkpoint) behind each video, A first, and the
/// optional grouping label (e.g. a surgical phase). <see cref="Gold"/> (criterion → known value) marks a gold item:
/// it measures the raters and is left out of every statistic about systems.
/// </summary>
public sealed record AnalysisItem(string ItemId, IReadOnlyList<string> Systems, string? Label, IReadOnlyDictionary<string, int>? Gold = null)
{
    public bool IsGold => Gold is { Count: > 0 };
}

/// <summary>One stored rating: for pairs, <see cref="Value"/> is the <see cref="Protocols.PairOutcome"/> in the item's terms.</summary>
public sealed record AnalysisRating(string ItemId, string RaterId, string Criterion, int Value);
