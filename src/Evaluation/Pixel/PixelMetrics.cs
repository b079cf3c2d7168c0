using MedVid.Evaluation.Flow;
using MedVid.Evaluation.Frames;

namespace MedVid.Evaluation.Pixel;

/// <summary>Every pixel-level dimension of one video. <see cref="MotionSmoothness"/> is null for clips under three frames.</summary>
public sealed record PixelMetricsReport(
    FlickerResult Flicker,
    MotionSmoothnessResult? MotionSmoothness,
    DynamicDegreeResult DynamicDegree,
    FrameConsistencyResult FrameConsistency,
    ImagingQualityResult ImagingQuality);

/// <summary>Runs all pixel-level metrics on one video (docs/evaluation.md lists their definitions and directions).</summary>
public static class PixelMetrics
{
    public static PixelMetricsReport Measure(FrameSequence video)
    {
        if (video.Count < 2) throw new ArgumentException("The temporal metrics need at least two frames.", nameof(video));
        return new PixelMetricsReport(
            TemporalFlickering.Measure(video, FarnebackFlow.Consecutive(video)),
            video.Count >= 3 ? Pixel.MotionSmoothness.Measure(video) : null,
            Pixel.DynamicDegree.Measure(video),
            Pixel.FrameConsistency.Measure(video),
            Pixel.ImagingQuality.Measure(video));
    }
}
