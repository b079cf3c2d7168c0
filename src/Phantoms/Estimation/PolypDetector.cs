using MedVid.Video;

namespace MedVid.Phantoms.Estimation;

/// <summary>
/// Finds a polyp in endoscopy frames by colour: mucosa is deep red (green/red about 0.45), a polyp
/// is paler and yellower (about 0.72). Pixels bright enough to judge whose green/red ratio clears the frame's
/// threshold form blobs; a frame counts when it holds a blob of a minimum area,
/// and the video counts when enough frames do (a polyp stays in view for a while; a speck does not).
/// The threshold is <see cref="PallorThreshold"/>, or <see cref="RelativeMargin"/> above the frame's own mucosa (the
/// lower quartile of its well-lit pixels' ratios) when that is higher: a polyp is paler than the wall around it, and a
/// colour cast over the whole frame (generated videos drift that way under strong guidance) is not a polyp.
/// </summary>
public static class PolypDetector
{
    public const double PallorThreshold = 0.6;

    /// <summary>How much paler than the frame's mucosa a polyp pixel is; on the phantoms' own mucosa (lower quartile
    /// about 0.41) the threshold stays <see cref="PallorThreshold"/>.</summary>
    public const double RelativeMargin = 0.18;

    public static PolypEstimate Detect(IReadOnlyList<RgbFrame> frames)
    {
        if (frames.Count == 0)
            throw new ArgumentException("polyp detection needs frames", nameof(frames));
        var positive = frames.Count(HasPolypBlob);
        var needed = Math.Max(2, (int)Math.Ceiling(0.1 * frames.Count));
        var present = positive >= needed;
        var confidence = present
            ? Math.Min(1, 0.5 + 0.5 * (positive - needed + 1) / needed)
            : Math.Min(1, 0.5 + 0.5 * (needed - positive) / needed);
        return new PolypEstimate(present, confidence, positive);
    }

    private static bool HasPolypBlob(RgbFrame frame)
    {
        var (width, height) = (frame.Width, frame.Height);
        var mask = new bool[width * height];
        var p = frame.Pixels;
        var threshold = Math.Max(PallorThreshold, (MucosaColour.GreenRedQuantile([frame], 0.25) ?? 0) + RelativeMargin);
        for (int i = 0, j = 0; i < mask.Length; i++, j += 3)
        {
            var (r, g) = (p[j], p[j + 1]);
            // The dark lumen has too little light for a reliable colour ratio.
            mask[i] = r > 60 && g > threshold * r;
        }
        var minimumArea = Math.Max(6, width * height / 800);
        return ConnectedComponents.Find(mask, width, height).Any(c => c.Area >= minimumArea);
    }
}
