namespace MedVid.Curation.Clips;

/// <summary>What one stage decided about one item (a clip, or a source/scene for segmentation), and why.
/// <paramref name="Reason"/> is a stable phrase (statistics count drops by it); measured values
/// belong in <paramref name="Metrics"/>.</summary>
public sealed record StageDecision(
    string ClipId,
    string Stage,
    bool Kept,
    string Reason,
    IReadOnlyDictionary<string, double> Metrics)
{
    public static StageDecision Keep(string clipId, string stage, string reason, IReadOnlyDictionary<string, double>? metrics = null) =>
        new(clipId, stage, true, reason, metrics ?? new Dictionary<string, double>());

    public static StageDecision Drop(string clipId, string stage, string reason, IReadOnlyDictionary<string, double>? metrics = null) =>
        new(clipId, stage, false, reason, metrics ?? new Dictionary<string, double>());
}
