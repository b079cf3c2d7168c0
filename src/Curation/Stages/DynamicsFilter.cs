using MedVid.Curation.Config;
using MedVid.Curation.Pipeline;

namespace MedVid.Curation.Stages;

/// <summary>Ophora's dynamics-based filtering. Keyframes are where the content detector fires
/// (plus the first frame, which always opens the clip); a clip with fewer than 2 keyframes is
/// nearly static, one with more than 100 is dominated by shaking.</summary>
public sealed class DynamicsFilter(DynamicsFilterConfig config) : IClipFilter
{
    private readonly ContentSceneDetector keyframeDetector = new(config.KeyframeThreshold, config.KeyframeMinGapFrames);

    public string Stage => StageNames.Dynamics;

    public int CountKeyframes(CandidateClip clip) => 1 + keyframeDetector.DetectCuts(clip.ContentScores).Count;

    public Task<StageDecision> EvaluateAsync(CandidateClip clip, CancellationToken cancellationToken = default) =>
        Task.FromResult(Decide(clip.Id, CountKeyframes(clip)));

    /// <summary>The rule itself: keep when MinKeyframes &lt;= count &lt;= MaxKeyframes.</summary>
    public StageDecision Decide(string clipId, int keyframes)
    {
        var metrics = new Dictionary<string, double> { ["dynamics.keyframes"] = keyframes };
        if (keyframes < config.MinKeyframes)
            return StageDecision.Drop(clipId, Stage, $"fewer than {config.MinKeyframes} keyframes (nearly static)", metrics);
        if (keyframes > config.MaxKeyframes)
            return StageDecision.Drop(clipId, Stage, $"more than {config.MaxKeyframes} keyframes (excessive motion)", metrics);
        return StageDecision.Keep(clipId, Stage, $"{keyframes} keyframes within [{config.MinKeyframes}, {config.MaxKeyframes}]", metrics);
    }
}
