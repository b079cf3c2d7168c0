using MedVid.Video;

namespace MedVid.PhantomsBench;

/// <summary>
/// The colour cast of an endoscopy video: the median green/red ratio of its well-lit pixels (red 100..219, so the dark
/// lumen and clipped highlights do not count). Real phantom mucosa sits near 0.43 and the polyp detector's pallor
/// threshold is 0.6, so a generated video whose median drifts up reads as a polyp wherever it is lit
/// (docs/benchmarks-phantoms.md, "Where the pale mucosa comes from").
/// </summary>
public static class MucosaColour
{
    public static double? MedianGreenRed(IReadOnlyList<RgbFrame> frames)
    {
        var ratios = new List<double>();
        foreach (var frame in frames)
        {
            var p = frame.Pixels;
            for (var j = 0; j + 2 < p.Length; j += 3)
                if (p[j] is >= 100 and < 220)
                    ratios.Add(p[j + 1] / (double)p[j]);
        }
        if (ratios.Count == 0) return null;
        ratios.Sort();
        return ratios[ratios.Count / 2];
    }
}
