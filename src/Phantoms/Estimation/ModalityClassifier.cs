using MedVid.Video;

namespace MedVid.Phantoms.Estimation;

/// <summary>
/// Tells Bora's four modalities apart from the clip's mean frame with a short decision list:
/// colour means endoscopy; otherwise both top corners black around a bright centre is an
/// ultrasound sector; otherwise a light field with almost no dark pixels is microscopy; the rest
/// (grayscale anatomy on a dark background) is RT-MRI.
/// </summary>
public static class ModalityClassifier
{
    public const double SaturationThreshold = 0.1;
    public const double BlackLuma = 25;
    public const double DarkFractionForCells = 0.05;

    public static ModalityEstimate Classify(IReadOnlyList<RgbFrame> frames)
    {
        if (frames.Count == 0)
            throw new ArgumentException("classification needs frames", nameof(frames));
        var features = Measure(frames);
        if (features.Saturation > SaturationThreshold)
            return new ModalityEstimate(Modality.Endoscopy, Margin(features.Saturation, SaturationThreshold, 0.1), features);
        // How clearly the clip is grayscale: part of the confidence of every other answer.
        var saturationMargin = Margin(SaturationThreshold, features.Saturation, 0.1);

        var corners = Math.Max(features.TopLeftLuma, features.TopRightLuma);
        if (corners < BlackLuma && features.CentreLuma > BlackLuma)
        {
            var sectorMargin = Math.Min(Margin(BlackLuma, corners, BlackLuma), Margin(features.CentreLuma, BlackLuma, 40));
            return new ModalityEstimate(Modality.Ultrasound, Math.Min(saturationMargin, sectorMargin), features);
        }
        if (features.DarkFraction < DarkFractionForCells && features.MedianLuma > 100)
            return new ModalityEstimate(Modality.Cells, Math.Min(saturationMargin, Margin(DarkFractionForCells, features.DarkFraction, DarkFractionForCells)), features);
        return new ModalityEstimate(Modality.RtMri, Math.Min(saturationMargin, Margin(features.DarkFraction, DarkFractionForCells, 0.2)), features);
    }

    public static ModalityFeatures Measure(IReadOnlyList<RgbFrame> frames)
    {
        var (width, height) = (frames[0].Width, frames[0].Height);
        var mean = new double[width * height * 3];
        foreach (var frame in frames)
        {
            for (var i = 0; i < mean.Length; i++)
                mean[i] += frame.Pixels[i];
        }
        var luma = new float[width * height];
        double saturation = 0;
        for (var i = 0; i < luma.Length; i++)
        {
            var (r, g, b) = (mean[3 * i] / frames.Count, mean[3 * i + 1] / frames.Count, mean[3 * i + 2] / frames.Count);
            luma[i] = (float)(0.299 * r + 0.587 * g + 0.114 * b);
            saturation += (Math.Max(r, Math.Max(g, b)) - Math.Min(r, Math.Min(g, b))) / 255.0;
        }
        var image = new GrayImage(width, height, luma);
        var dark = luma.Count(v => v < BlackLuma) / (double)luma.Length;
        return new ModalityFeatures(
            saturation / luma.Length,
            image.RegionMean(0, 0, 0.12, 0.12),
            image.RegionMean(0.88, 0, 1, 0.12),
            image.RegionMean(0.35, 0.35, 0.65, 0.65),
            dark,
            image.Percentile(0.5));
    }

    /// <summary>Distance of a feature past its threshold, scaled to 0..1 (0.5 at <paramref name="scale"/>/2 past it).</summary>
    private static double Margin(double value, double threshold, double scale) => Math.Clamp(0.5 + (value - threshold) / scale, 0, 1);
}
