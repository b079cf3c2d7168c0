using MedVid.Evaluation.Distribution;
using MedVid.Evaluation.Features;
using MedVid.Evaluation.Frames;
using MedVid.Evaluation.Pixel;

namespace MedVid.Evaluation.Reports;

/// <summary>A video to evaluate or compare with: generated (with its prompt), or a real clip of a dataset version (with its label).</summary>
/// <param name="Label">A training clip's label for the learned encoder (<see cref="LabelTrainedEncoder"/>); null elsewhere.</param>
public sealed record VideoSample(string Id, FrameSequence Video, string? Prompt = null, string? Label = null);

/// <summary>One generated video's scores: the pixel-level metrics by name, and its nearest training clip.</summary>
public sealed record VideoScores(string Id, string? Prompt, IReadOnlyDictionary<string, double> Metrics, string NearestTrainingId,
    double NearestTrainingDistance, bool NearCopy);

/// <summary>
/// What an evaluation found: per generated video, the means of each metric over the generated and over the real
/// reference videos (to read side by side), the Fréchet distance between the two sets in
/// <see cref="FrechetEncoder"/>'s feature space (null with fewer than two videos on a side), and the memorisation
/// check against the training clips in <see cref="MemorisationEncoder"/>'s space.
/// </summary>
/// <param name="LearnedFrechetDistance">The Fréchet distance in the space of an encoder trained on the dataset's own labels
/// (<see cref="LabelTrainedEncoder"/>, named by <paramref name="LearnedEncoder"/>); null, with the reason in
/// <paramref name="LearnedEncoder"/>, when none could be trained.</param>
/// <param name="I3dFrechetDistance">The Fréchet distance in the logit space of a site-supplied I3D (FVD's feature space), named by <paramref name="I3dEncoder"/>; null without one.</param>
/// <param name="Phantoms">Phantom adherence of the videos whose prompts ask for a phantom (<see cref="PhantomAdherence"/>).</param>
public sealed record VideoSetReport(
    IReadOnlyList<VideoScores> Generated, IReadOnlyDictionary<string, double> GeneratedMeans, IReadOnlyDictionary<string, double> ReferenceMeans,
    int ReferenceCount, double? FrechetDistance, string FrechetEncoder, int TrainingCount, double MemorisationThreshold, string MemorisationEncoder,
    double? LearnedFrechetDistance = null, string? LearnedEncoder = null, PhantomAdherenceReport? Phantoms = null,
    double? I3dFrechetDistance = null, string? I3dEncoder = null)
{
    public int NearCopies => Generated.Count(g => g.NearCopy);
}

/// <summary>
/// Evaluates a set of generated videos against real ones: the pixel-level dimensions of docs/evaluation.md, a
/// Fréchet distance to the reference (held-out) clips, and the nearest-training-clip memorisation check.
/// </summary>
public static class VideoSetEvaluation
{
    /// <summary>The metric names, in the order they are reported; "higher is better" except flicker_mad, noise_sigma and the clipped fractions.</summary>
    public static readonly IReadOnlyList<string> MetricNames =
    [
        "flicker_score", "flicker_mad", "motion_smoothness", "dynamic", "mean_motion_px", "frame_consistency",
        "sharpness", "noise_sigma", "dark_clipped", "bright_clipped", "saturation",
    ];

    /// <param name="training">Training clips, with their label when a learned encoder should be trained on them.</param>
    /// <param name="labelKey">What the labels of <paramref name="training"/> are (e.g. "modality"), for the learned encoder's name.</param>
    /// <param name="trainedOn">The data the learned encoder is trained on, for its name (e.g. "dataset 1a2b3c4d v2").</param>
    /// <param name="i3d">A pretrained video network (the site's I3D), for a third Fréchet distance; null skips it.</param>
    public static VideoSetReport Evaluate(IReadOnlyList<VideoSample> generated, IReadOnlyList<VideoSample> reference, IReadOnlyList<VideoSample> training,
        string labelKey = "modality", string trainedOn = "training clips", IVideoFeatureEncoder? i3d = null)
    {
        if (generated.Count == 0) throw new ArgumentException("There are no generated videos to evaluate.", nameof(generated));
        if (training.Count == 0) throw new ArgumentException("There are no training clips to check memorisation against.", nameof(training));
        var generatedMetrics = generated.Select(g => Metrics(g.Video)).ToList();
        var referenceMetrics = reference.Select(r => Metrics(r.Video)).ToList();

        var distribution = new PixelStatisticsEncoder();
        double? frechet = generated.Count >= 2 && reference.Count >= 2
            ? FrechetDistance.Compute(reference.Select(r => distribution.Encode(r.Video)).ToList(),
                generated.Select(g => distribution.Encode(g.Video)).ToList(), distribution.Name).Squared
            : null;

        var thumbnails = new ThumbnailEncoder();
        var trainingFeatures = training.Select(t => new FeatureVector(t.Id, thumbnails.Encode(t.Video))).ToList();
        // With one training clip there is no spread to calibrate on: only an exact copy is flagged.
        var threshold = trainingFeatures.Count >= 2 ? MemorisationCheck.ThresholdFromTrainingSpread(trainingFeatures) : 0;
        var memorisation = MemorisationCheck.Check(generated.Select(g => new FeatureVector(g.Id, thumbnails.Encode(g.Video))).ToList(),
            trainingFeatures, threshold, thumbnails.Name);

        var (learned, learnedName) = LearnedFrechet(generated, reference, training, distribution, labelKey, trainedOn);

        var scores = generated.Select((g, i) => new VideoScores(g.Id, g.Prompt, generatedMetrics[i], memorisation.Matches[i].NearestTrainingId,
            memorisation.Matches[i].Distance, memorisation.Matches[i].IsNearCopy)).ToList();
        return new VideoSetReport(scores, Means(generatedMetrics), Means(referenceMetrics), reference.Count, frechet, distribution.Name,
            training.Count, threshold, thumbnails.Name, learned, learnedName, PhantomAdherence.Measure(generated),
            i3d is not null && generated.Count >= 2 && reference.Count >= 2
                ? FrechetDistance.Compute(reference.Select(r => i3d.Encode(r.Video)).ToList(), generated.Select(g => i3d.Encode(g.Video)).ToList(), i3d.Name).Squared
                : null,
            i3d?.Name);
    }

    /// <summary>The Fréchet distance in an encoder trained on the labelled training clips, or null and why not.</summary>
    private static (double? Distance, string Encoder) LearnedFrechet(IReadOnlyList<VideoSample> generated, IReadOnlyList<VideoSample> reference,
        IReadOnlyList<VideoSample> training, IVideoFeatureEncoder input, string labelKey, string trainedOn)
    {
        var labelled = training.Where(t => t.Label is not null).Select(t => (t.Video, t.Label!)).ToList();
        var (encoder, reason) = LabelTrainedEncoder.Train(input, labelled, labelKey, trainedOn);
        if (encoder is null) return (null, $"none: {reason}");
        if (generated.Count < 2 || reference.Count < 2) return (null, $"{encoder.Name} (a distance needs two or more videos on each side)");
        return (FrechetDistance.Compute(reference.Select(r => encoder.Encode(r.Video)).ToList(), generated.Select(g => encoder.Encode(g.Video)).ToList(),
            encoder.Name).Squared, encoder.Name);
    }

    /// <summary>The pixel-level metrics of one video by name (a metric a video has no value for, e.g. flicker with no static pixels, is left out).</summary>
    public static IReadOnlyDictionary<string, double> Metrics(FrameSequence video)
    {
        var report = PixelMetrics.Measure(video);
        var metrics = new Dictionary<string, double>
        {
            ["flicker_mad"] = report.Flicker.MeanAbsoluteDifference,
            ["dynamic"] = report.DynamicDegree.IsDynamic ? 1 : 0,
            ["mean_motion_px"] = report.DynamicDegree.MeanMotion,
            ["frame_consistency"] = report.FrameConsistency.Score,
            ["sharpness"] = report.ImagingQuality.Sharpness,
            ["noise_sigma"] = report.ImagingQuality.NoiseSigma,
            ["dark_clipped"] = report.ImagingQuality.DarkClippedFraction,
            ["bright_clipped"] = report.ImagingQuality.BrightClippedFraction,
            ["saturation"] = report.ImagingQuality.MeanSaturation,
        };
        if (report.Flicker.Score is { } flicker) metrics["flicker_score"] = flicker;
        if (report.MotionSmoothness is { } smoothness) metrics["motion_smoothness"] = smoothness.Score;
        return MetricNames.Where(metrics.ContainsKey).ToDictionary(n => n, n => metrics[n]);
    }

    private static Dictionary<string, double> Means(IReadOnlyList<IReadOnlyDictionary<string, double>> videos) =>
        MetricNames.Select(n => (Name: n, Values: videos.Where(v => v.ContainsKey(n)).Select(v => v[n]).ToList()))
            .Where(m => m.Values.Count > 0).ToDictionary(m => m.Name, m => m.Values.Average());
}
