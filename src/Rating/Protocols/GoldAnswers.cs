namespace MedVid.Rating.Protocols;

/// <summary>
/// The known answers of a gold item (issue 11: items with known answers mixed into a campaign to measure each rater's
/// reliability), keyed by criterion id. Single-video protocols use the criterion's level keys ("2", "minor"); pairwise
/// protocols use the item's own terms, "a-wins", "b-wins", "tie" or "both-lose" (A is the item's first video), because
/// which side a rater sees A on is only decided when the items are dealt.
/// </summary>
public static class GoldAnswers
{
    private static readonly IReadOnlyDictionary<string, PairOutcome> PairKeys = new Dictionary<string, PairOutcome>(StringComparer.OrdinalIgnoreCase)
    {
        ["a-wins"] = PairOutcome.AWins,
        ["b-wins"] = PairOutcome.BWins,
        ["tie"] = PairOutcome.Tie,
        ["both-lose"] = PairOutcome.BothLose,
    };

    /// <summary>Criterion id → stored level value. Throws <see cref="ArgumentException"/> with a message for users.</summary>
    public static Dictionary<string, int> Parse(RatingProtocol protocol, IReadOnlyDictionary<string, string> answers)
    {
        if (answers.Count == 0) throw new ArgumentException("a gold item needs the known answer of at least one criterion.");
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (criterionId, key) in answers)
        {
            var criterion = protocol.FindCriterion(criterionId)
                ?? throw new ArgumentException($"the gold answer names '{criterionId}', which is not a criterion of {protocol.Id} ({string.Join(", ", protocol.Criteria.Select(c => c.Id))}).");
            result[criterion.Id] = Value(protocol, criterion, key?.Trim() ?? "");
        }
        return result;
    }

    /// <summary>The key a gold value is written with, the inverse of <see cref="Parse"/>.</summary>
    public static string Key(RatingProtocol protocol, RatingCriterion criterion, int value) =>
        protocol.Shape == ItemShape.Pair ? PairKeys.First(p => (int)p.Value == value).Key : criterion.Level(value).Key;

    private static int Value(RatingProtocol protocol, RatingCriterion criterion, string key)
    {
        if (protocol.Shape == ItemShape.Pair)
            return PairKeys.TryGetValue(key, out var outcome)
                ? (int)outcome
                : throw new ArgumentException($"'{key}' is not a gold answer for {criterion.Id}; use a-wins, b-wins, tie or both-lose.");
        return criterion.FindLevel(key)?.Value
            ?? throw new ArgumentException($"'{key}' is not a level of {criterion.Id}; use {string.Join(", ", criterion.Levels.Select(l => l.Key))}.");
    }
}
