using MedVid.Curation.Config;
using MedVid.Curation.Manifest;

namespace MedVid.Curation.Pipeline;

/// <summary>The outcome of a run: the kept clips (in source order), every decision every stage made,
/// the statistics, and the config that produced them (API key removed).</summary>
public sealed record CurationResult(
    IReadOnlyList<CuratedClip> Clips,
    IReadOnlyList<StageDecision> Decisions,
    CurationStatistics Statistics,
    CurationConfig Config)
{
    /// <summary>Manifest rows for the kept clips; <paramref name="clipBlob"/> names where each clip's MP4 was stored.</summary>
    public IReadOnlyList<ManifestClip> ToManifest(Func<CuratedClip, string> clipBlob) =>
        Clips.Select(c => ManifestClip.From(c, clipBlob(c), Config.Output)).ToList();
}
