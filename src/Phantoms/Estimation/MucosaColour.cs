using MedVid.Video;

namespace MedVid.Phantoms.Estimation;

/// <summary>
/// The colour of endoscopy mucosa: quantiles of green/red over well-lit, unclipped pixels (red 100..219, so the dark
/// lumen and specular highlights do not count). Real phantom mucosa has a median near 0.43 and a polyp about 0.72.
/// The polyp detector sets its threshold from a frame's lower quartile; the phantom bench reports a video's median as
/// its colour cast (docs/benchmarks-phantoms.md, "Where the pale mucosa comes from").
/// </summary>
public static class MucosaColour
{
    /// <summary>The <paramref name="quantile"/> (0..1) of green/red over the frames' well-lit pixels; null when none is lit.</summary>
    public static double? GreenRedQuantile(IEnumerable<RgbFrame> frames, double quantile)
    {
        if (quantile is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(quantile), quantile, "a quantile is between 0 and 1");
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
        return ratios[(int)(quantile * (ratios.Count - 1))];
    }
}
