using MedVid.Video;
using MedVid.Curation.Config;
using MedVid.Curation.Imaging;
using MedVid.Curation.Clips;

namespace MedVid.Curation.Stages;

/// <summary>Blur, exposure and blockiness on uniformly sampled frames, averaged over the samples.
/// Stands in for MedGen's DOVER technical score, which needs a pretrained network.</summary>
public sealed class TechnicalQualityFilter(TechnicalQualityConfig config) : IClipFilter
{
    public string Stage => StageNames.TechnicalQuality;

    public Task<StageDecision> EvaluateAsync(CandidateClip clip, CancellationToken cancellationToken = default)
    {
        var samples = UniformSampling.Indices(clip.Frames.Count, config.SampleFrames)
            .Select(i => GrayImage.FromRgb(clip.Frames[i])).ToList();
        double sharpness = samples.Average(QualityMetrics.Sharpness);
        double meanLuma = samples.Average(g => g.Mean());
        double clipped = samples.Average(QualityMetrics.ClippedFraction);
        double blockiness = samples.Average(g => QualityMetrics.Blockiness(g));
        var metrics = new Dictionary<string, double>
        {
            ["quality.sharpness"] = sharpness,
            ["quality.meanLuma"] = meanLuma,
            ["quality.clippedFraction"] = clipped,
            ["quality.blockiness"] = blockiness,
        };

        // Reasons are stable phrases so statistics can count them; the measured values are in the metrics.
        var problems = new List<string>();
        if (meanLuma < config.MinMeanLuma) problems.Add("under-exposed");
        if (meanLuma > config.MaxMeanLuma) problems.Add("over-exposed");
        if (clipped > config.MaxClippedFraction) problems.Add("clipped highlights or shadows");
        if (sharpness < config.MinSharpness) problems.Add("blurred");
        if (blockiness > config.MaxBlockiness) problems.Add("blocky");

        return Task.FromResult(problems.Count == 0
            ? StageDecision.Keep(clip.Id, Stage, $"sharpness {sharpness:0.#}, mean luma {meanLuma:0.#}, blockiness {blockiness:0.##}", metrics)
            : StageDecision.Drop(clip.Id, Stage, string.Join("; ", problems), metrics));
    }
}
