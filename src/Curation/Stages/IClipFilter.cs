using MedVid.Curation.Clips;

namespace MedVid.Curation.Stages;

/// <summary>One filtering stage: looks at a candidate clip and keeps or drops it, with a reason and
/// the metrics it measured (which the pipeline records in the manifest).</summary>
public interface IClipFilter
{
    string Stage { get; }

    Task<StageDecision> EvaluateAsync(CandidateClip clip, CancellationToken cancellationToken = default);
}
