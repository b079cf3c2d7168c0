using MedVid.Curation.Config;
using MedVid.Curation.Clips;

namespace MedVid.Curation.Stages;

/// <summary>Decides which frames of a kept clip are rendered: Bora's adaptive interval, then
/// Ophora's fixed frame count. Records a decision so the statistics show the chosen intervals.</summary>
public sealed class FramePlanner(OutputShapeConfig config)
{
    private readonly AdaptiveFrameSampler sampler = new(config.SamplingThresholdK, config.MaxSamplingInterval);

    public (FramePlan Plan, StageDecision Decision) Plan(CandidateClip clip)
    {
        var (interval, indices, change) = sampler.Sample(clip.Frames);
        var plan = FrameCountNormaliser.Normalise(indices, interval, config.FrameCount, config.FrameCountMode);
        var metrics = new Dictionary<string, double>
        {
            ["sampling.interval"] = interval,
            ["sampling.meanChange"] = change,
            ["sampling.frames"] = plan.FrameIndices.Count,
            ["sampling.paddingFrames"] = plan.PaddingFrames,
        };
        var reason = $"interval {interval}, {plan.FrameIndices.Count} frame(s)" + (plan.PaddingFrames > 0 ? $" + {plan.PaddingFrames} padding" : "");
        return (plan, StageDecision.Keep(clip.Id, StageNames.FrameSampling, reason, metrics));
    }
}
