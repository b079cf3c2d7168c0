using MedVid.Curation.Config;
using MedVid.Curation.Imaging;
using MedVid.Curation.Clips;

namespace MedVid.Curation.Stages;

/// <summary>
/// Ophora's dynamics-based filtering: count the keyframes of a clip, the frames where the picture has changed
/// significantly; fewer than 2 means nearly static, more than 100 means dominated by shaking.
/// A keyframe is a frame whose PySceneDetect content score against the <em>last keyframe</em> (not its
/// predecessor) reaches the threshold, at least the minimum gap after it; the first frame always is one. Measuring
/// against the last keyframe counts gradual change too: a clip is one scene (it was cut at scene boundaries), so
/// frame-to-frame scores inside it stay below any cut threshold however much the content moves.
/// </summary>
public sealed class DynamicsFilter(DynamicsFilterConfig config) : IClipFilter
{
    public string Stage => StageNames.Dynamics;

    public (int Keyframes, double MaxDrift) CountKeyframes(CandidateClip clip)
    {
        var keyframes = 1;
        var maxDrift = 0.0;
        HsvPlanes? keyframe = null;
        var keyframeIndex = 0;
        for (var i = 0; i < clip.Frames.Count; i++)
        {
            var current = HsvPlanes.FromRgb(clip.Frames[i]);
            if (keyframe is null)
            {
                keyframe = current;
                continue;
            }
            var drift = HsvPlanes.Delta(current, keyframe).Score;
            maxDrift = Math.Max(maxDrift, drift);
            if (drift < config.KeyframeThreshold || i - keyframeIndex < config.KeyframeMinGapFrames) continue;
            keyframes++;
            (keyframe, keyframeIndex) = (current, i);
        }
        return (keyframes, maxDrift);
    }

    public Task<StageDecision> EvaluateAsync(CandidateClip clip, CancellationToken cancellationToken = default)
    {
        var (keyframes, maxDrift) = CountKeyframes(clip);
        return Task.FromResult(Decide(clip.Id, keyframes, maxDrift));
    }

    /// <summary>The rule itself: keep when MinKeyframes &lt;= count &lt;= MaxKeyframes.</summary>
    public StageDecision Decide(string clipId, int keyframes, double maxDrift = 0)
    {
        var metrics = new Dictionary<string, double> { ["dynamics.keyframes"] = keyframes, ["dynamics.maxDrift"] = Math.Round(maxDrift, 3) };
        if (keyframes < config.MinKeyframes)
            return StageDecision.Drop(clipId, Stage, $"fewer than {config.MinKeyframes} keyframes (nearly static)", metrics);
        if (keyframes > config.MaxKeyframes)
            return StageDecision.Drop(clipId, Stage, $"more than {config.MaxKeyframes} keyframes (excessive motion)", metrics);
        return StageDecision.Keep(clipId, Stage, $"{keyframes} keyframes within [{config.MinKeyframes}, {config.MaxKeyframes}]", metrics);
    }
}
