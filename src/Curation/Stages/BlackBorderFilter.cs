using MedVid.Video;
using MedVid.Curation.Config;
using MedVid.Curation.Imaging;
using MedVid.Curation.Clips;

namespace MedVid.Curation.Stages;

/// <summary>MedGen's black-border removal: a clip is dropped when a border thicker than the allowed
/// fraction persists on any side across the sampled frames.</summary>
public sealed class BlackBorderFilter(BlackBorderConfig config) : IClipFilter
{
    public string Stage => StageNames.BlackBorder;

    public BorderInsets Measure(CandidateClip clip)
    {
        var perFrame = UniformSampling.Indices(clip.Frames.Count, config.SampleFrames)
            .Select(i => GrayImage.FromRgb(clip.Frames[i]))
            .Select(gray => config.Method == BlackBorderMethod.CannyHough
                ? CannyHoughBorderDetector.Detect(gray, config.Limit, config.CannyLow, config.CannyHigh, config.HoughMinLineFraction)
                : CropDetector.Detect(gray, config.Limit));
        return BorderInsets.Persistent(perFrame);
    }

    public Task<StageDecision> EvaluateAsync(CandidateClip clip, CancellationToken cancellationToken = default)
    {
        var insets = Measure(clip);
        int w = clip.Frames[0].Width, h = clip.Frames[0].Height;
        var fractions = new (string Side, double Fraction)[]
        {
            ("top", (double)insets.Top / h), ("bottom", (double)insets.Bottom / h),
            ("left", (double)insets.Left / w), ("right", (double)insets.Right / w),
        };
        var metrics = fractions.ToDictionary(f => $"border.{f.Side}", f => f.Fraction);
        var offending = fractions.Where(f => f.Fraction > config.MaxBorderFraction).ToList();
        if (offending.Count == 0)
            return Task.FromResult(StageDecision.Keep(clip.Id, Stage, "no persistent black border", metrics));
        var sides = string.Join(", ", offending.Select(f => f.Side));
        return Task.FromResult(StageDecision.Drop(clip.Id, Stage, $"persistent black border on {sides}", metrics));
    }
}
