using MedVid.Video;

namespace MedVid.Phantoms.Estimation;

/// <summary>
/// Counts phase-dark cells in one microscopy frame: light blur against compression noise, a
/// threshold below the background level (the median), connected components, and a minimum area
/// so that noise specks are not counted.
/// </summary>
public static class CellCounter
{
    /// <summary>How far below the background (luma levels) a pixel must be to belong to a cell, at least.</summary>
    public const double MinimumContrast = 25;

    public static CountEstimate Count(RgbFrame frame)
    {
        var image = GrayImage.FromRgb(frame).BoxBlur(1);
        var background = image.Percentile(0.5);
        // Adapt to the darkest cell interior but never sink into the noise floor of an empty field.
        var darkest = image.Percentile(0.002);
        var threshold = background - Math.Max(MinimumContrast, 0.4 * (background - darkest));
        var mask = new bool[image.Data.Length];
        for (var i = 0; i < mask.Length; i++)
            mask[i] = image.Data[i] < threshold;

        var minimumArea = Math.Max(4, frame.Width * frame.Height / 2000);
        var blobs = ConnectedComponents.Find(mask, frame.Width, frame.Height).Where(c => c.Area >= minimumArea).ToList();
        return new CountEstimate(blobs.Count, SizeConsistency(blobs));
    }

    /// <summary>1 when all blobs are about the median size; lower when some look merged (twice the size) or fragmented.</summary>
    private static double SizeConsistency(List<ConnectedComponents.Component> blobs)
    {
        if (blobs.Count == 0)
            return 1;
        var areas = blobs.Select(b => (double)b.Area).Order().ToList();
        var median = areas[areas.Count / 2];
        var odd = areas.Count(a => a > median * 1.8 || a < median * 0.35);
        return 1 - (double)odd / areas.Count;
    }
}
