using MedVid.Video;

namespace MedVid.Phantoms.Estimation;

/// <summary>
/// One entry point for reading a phantom's parameters back from its (decoded) frames. These are
/// what later judges whether a generated video follows its prompt, so each works on small, lossy
/// frames; docs/phantoms.md states the tolerances the tests hold them to.
/// </summary>
public static class PhantomEstimators
{
    /// <summary>Dominant temporal frequency between 0.3 Hz and just under Nyquist.</summary>
    public static RateEstimate EstimateRate(IReadOnlyList<RgbFrame> frames, double fps) =>
        RateEstimator.Estimate(frames, fps, minHz: 0.3, maxHz: 0.45 * fps);

    /// <summary>Heart rate: the same estimator restricted to 30..240 bpm.</summary>
    public static RateEstimate EstimateHeartRate(IReadOnlyList<RgbFrame> frames, double fps) =>
        RateEstimator.Estimate(frames, fps, minHz: 0.5, maxHz: Math.Min(4, 0.45 * fps));

    public static CountEstimate CountCells(RgbFrame frame) => CellCounter.Count(frame);

    public static SpeedEstimate EstimateForwardSpeed(IReadOnlyList<RgbFrame> frames, double fps) => ForwardSpeedEstimator.Estimate(frames, fps);

    public static PolypEstimate DetectPolyp(IReadOnlyList<RgbFrame> frames) => PolypDetector.Detect(frames);

    public static ModalityEstimate ClassifyModality(IReadOnlyList<RgbFrame> frames) => ModalityClassifier.Classify(frames);
}
