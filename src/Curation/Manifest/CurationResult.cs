using MedVid.Curation.Config;
using MedVid.Curation.Manifest;
using MedVid.Curation.Clips;

namespace MedVid.Curation.Manifest;

/// <summary>The outcome of a run: the kept clips (in source order), every decision every stage made,
/// the statistics, and the config that produced them (API key removed).</summary>
public sealed record CurationResult(
    IReadOnlyList<CuratedClip> Clips,
    IReadOnlyList<StageDecision> Decisions,
    CurationStatistics Statistics,
    CurationConfig Config)
{
    /// <summary>Sources that could not be probed or decoded, with why; the other sources were curated.</summary>
    public IReadOnlyList<SourceFailure> FailedSources => Statistics.FailedSources;

    /// <summary>Wall seconds per stage in this run ("decode" is the time spent waiting for the frame
    /// loader); for profiling, not part of the version files.</summary>
    public IReadOnlyDictionary<string, double> StageSeconds { get; init; } = new Dictionary<string, double>();

    /// <summary>This result after <paramref name="failure"/>'s source failed late (while its clips were
    /// rendered): its clips and decisions leave, a dropped "source" decision takes their place, and the
    /// statistics are recomputed.</summary>
    public CurationResult WithoutSource(SourceFailure failure)
    {
        var id = failure.SourceId;
        bool OfSource(string itemId) =>
            itemId == id || itemId.StartsWith(id + "/", StringComparison.Ordinal) || itemId.StartsWith(id + "@", StringComparison.Ordinal);
        var decisions = new List<StageDecision>(Decisions.Count);
        foreach (var decision in Decisions)
        {
            if (decision.Stage == StageNames.Source && decision.ClipId == id)
                decisions.Add(StageDecision.Drop(id, StageNames.Source, failure.Reason));
            else if (!OfSource(decision.ClipId))
                decisions.Add(decision);
        }
        var clips = Clips.Where(c => c.Source.Id != id).ToList();
        var failed = FailedSources.Where(f => f.SourceId != id).Append(failure).ToList();
        return this with { Clips = clips, Decisions = decisions, Statistics = CurationStatistics.Compute(Statistics.SourceCount, decisions, clips, failed) };
    }

    /// <summary>Manifest rows for the kept clips; <paramref name="clipBlob"/> names where each clip's MP4 was stored.</summary>
    public IReadOnlyList<ManifestClip> ToManifest(Func<CuratedClip, string> clipBlob) =>
        Clips.Select(c => ManifestClip.From(c, clipBlob(c), Config.Output)).ToList();
}
