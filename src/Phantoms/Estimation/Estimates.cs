namespace MedVid.Phantoms.Estimation;

/// <summary>A dominant temporal frequency. Confidence (0..1) is the share of in-band spectral power under the peak.</summary>
public sealed record RateEstimate(double Hz, double Confidence)
{
    public double Bpm => Hz * 60;
}

/// <summary>Blobs counted in one frame. Confidence falls when blobs are far from the typical size (merged or fragmented cells).</summary>
public sealed record CountEstimate(int Count, double Confidence);

/// <summary>Forward speed in lumen radii per second (negative: withdrawing). Confidence is the peak normalised correlation.</summary>
public sealed record SpeedEstimate(double RadiiPerSecond, double Confidence);

/// <summary>Polyp presence. Confidence is how clearly the evidence clears (or misses) the decision threshold.</summary>
public sealed record PolypEstimate(bool Present, double Confidence, int FramesWithPolyp);

/// <summary>The modality and the simple image features it was decided from.</summary>
public sealed record ModalityEstimate(Modality Modality, double Confidence, ModalityFeatures Features);

/// <summary>Features of a clip's mean frame: colour saturation (0..1), mean luma of the top corners and centre (0..255), share of dark pixels.</summary>
public sealed record ModalityFeatures(double Saturation, double TopLeftLuma, double TopRightLuma, double CentreLuma, double DarkFraction, double MedianLuma);
