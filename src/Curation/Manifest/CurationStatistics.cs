using MedVid.Curation.Captioning;
using MedVid.Curation.Clips;

namespace MedVid.Curation.Manifest;

/// <summary>What a run kept and dropped, per stage and reason, and the distributions Bora reports
/// in its Figure 5 (clip length, caption length).</summary>
public sealed record CurationStatistics(
    int SourceCount,
    int ClipCount,
    int TrainClips,
    int TestClips,
    double TotalSeconds,
    IReadOnlyDictionary<string, int> ClipsPerModality,
    IReadOnlyList<StageStatistics> Stages,
    Histogram ClipLengthSeconds,
    Histogram ClipLengthFrames,
    Histogram CaptionLengthWords)
{
    public const double ClipLengthBinSeconds = 1.0;
    public const double ClipLengthBinFrames = 10.0;
    public const double CaptionLengthBinWords = 10.0;

    /// <summary>Sources that could not be probed or decoded, with why (also counted in the "source" stage).</summary>
    public IReadOnlyList<SourceFailure> FailedSources { get; init; } = [];

    /// <summary>Stages appear in the order they first decided something.</summary>
    public static CurationStatistics Compute(
        int sourceCount, IReadOnlyList<StageDecision> decisions, IReadOnlyList<CuratedClip> kept, IReadOnlyList<SourceFailure>? failedSources = null)
    {
        var stages = decisions
            .GroupBy(d => d.Stage)
            .Select(g => new StageStatistics(
                g.Key,
                g.Count(d => d.Kept),
                g.Count(d => !d.Kept),
                g.Where(d => !d.Kept).GroupBy(d => d.Reason).OrderByDescending(r => r.Count()).ThenBy(r => r.Key, StringComparer.Ordinal)
                    .ToDictionary(r => r.Key, r => r.Count())))
            .ToList();
        return new CurationStatistics(
            sourceCount,
            kept.Count,
            kept.Count(c => c.Split == DatasetSplit.Train),
            kept.Count(c => c.Split == DatasetSplit.Test),
            kept.Sum(c => c.DurationSeconds),
            kept.GroupBy(c => c.Source.Modality).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            stages,
            Histogram.Of(kept.Select(c => c.DurationSeconds), ClipLengthBinSeconds, "seconds"),
            Histogram.Of(kept.Select(c => (double)c.Plan.OutputFrameCount), ClipLengthBinFrames, "frames"),
            Histogram.Of(kept.Where(c => c.Captions.Count > 0).Select(c => (double)CaptionWords.Count(c.Captions[0])), CaptionLengthBinWords, "words"))
        {
            FailedSources = failedSources ?? [],
        };
    }
}

/// <summary>How many items a stage kept and dropped, and the drop reasons with their counts.</summary>
public sealed record StageStatistics(string Stage, int Kept, int Dropped, IReadOnlyDictionary<string, int> DropReasons);
