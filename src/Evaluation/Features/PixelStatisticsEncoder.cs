using MedVid.Evaluation.Frames;

namespace MedVid.Evaluation.Features;

/// <summary>
/// A feature space that needs no training: hand-made statistics of appearance and change, so that a Fréchet distance
/// exists before the platform has trained an encoder on a dataset. It sees brightness, contrast, colour, edge
/// density and the amount of temporal change; it does not see anatomy or whether a structure is plausible, which is
/// why a learned encoder should replace it once one is trained. Dimension 39: a 16-bin luma histogram, per-channel
/// mean and standard deviation (6), mean HSV saturation, an 8-bin histogram of luma gradient magnitude, and of the
/// absolute luma difference between consecutive frames its mean, standard deviation, 10/50/90/99th percentiles and the
/// share of pixels changing by more than 8 levels, plus the mean difference two frames apart (all on a 0..1 scale).
/// </summary>
public sealed class PixelStatisticsEncoder : IVideoFeatureEncoder
{
    private const int LumaBins = 16;
    private const int GradientBins = 8;
    private const double GradientRange = 128;
    private const int TemporalFeatures = 8;

    public string Name => "pixel-statistics-v1";

    public int Dimension => LumaBins + 6 + 1 + GradientBins + TemporalFeatures;

    public double[] Encode(FrameSequence video)
    {
        var features = new List<double>(Dimension);
        features.AddRange(LumaHistogram(video));
        features.AddRange(ChannelMoments(video));
        features.Add(Enumerable.Range(0, video.Count).Average(t => Pixel.ImagingQuality.MeanSaturation(video.Rgb(t))));
        features.AddRange(GradientHistogram(video));
        features.AddRange(TemporalChange(video));
        return features.ToArray();
    }

    private static double[] LumaHistogram(FrameSequence video)
    {
        var histogram = new double[LumaBins];
        for (var t = 0; t < video.Count; t++)
            foreach (var v in video.LumaOf(t))
                histogram[Math.Clamp((int)(v / 256 * LumaBins), 0, LumaBins - 1)]++;
        return Normalised(histogram);
    }

    private static double[] ChannelMoments(FrameSequence video)
    {
        var (sum, squares) = (new double[3], new double[3]);
        long n = 0;
        for (var t = 0; t < video.Count; t++)
        {
            var rgb = video.Rgb(t);
            for (var j = 0; j < rgb.Length; j += 3, n++)
                for (var c = 0; c < 3; c++)
                {
                    sum[c] += rgb[j + c];
                    squares[c] += rgb[j + c] * (double)rgb[j + c];
                }
        }
        var result = new double[6];
        for (var c = 0; c < 3; c++)
        {
            var mean = sum[c] / n;
            result[c] = mean / 255;
            result[3 + c] = Math.Sqrt(Math.Max(0, squares[c] / n - mean * mean)) / 255;
        }
        return result;
    }

    private static double[] GradientHistogram(FrameSequence video)
    {
        var histogram = new double[GradientBins];
        var (w, h) = (video.Width, video.Height);
        for (var t = 0; t < video.Count; t++)
        {
            var luma = video.LumaOf(t);
            for (var y = 0; y + 1 < h; y++)
                for (var x = 0; x + 1 < w; x++)
                {
                    var i = y * w + x;
                    var magnitude = Math.Sqrt(Math.Pow(luma[i + 1] - luma[i], 2) + Math.Pow(luma[i + w] - luma[i], 2));
                    histogram[Math.Min(GradientBins - 1, (int)(magnitude / GradientRange * GradientBins))]++;
                }
        }
        return Normalised(histogram);
    }

    private static double[] TemporalChange(FrameSequence video)
    {
        if (video.Count < 2) return new double[TemporalFeatures];
        var differences = new List<float>();
        double changed = 0, lagTwo = 0;
        for (var t = 0; t + 1 < video.Count; t++)
        {
            var (a, b) = (video.LumaOf(t), video.LumaOf(t + 1));
            for (var i = 0; i < a.Length; i++)
            {
                var d = Math.Abs(b[i] - a[i]);
                differences.Add(d);
                if (d > 8) changed++;
            }
            if (t + 2 < video.Count)
            {
                var c = video.LumaOf(t + 2);
                for (var i = 0; i < a.Length; i++) lagTwo += Math.Abs(c[i] - a[i]);
            }
        }
        var n = differences.Count;
        var mean = differences.Average(d => (double)d);
        var std = Math.Sqrt(differences.Average(d => (d - mean) * (d - mean)));
        differences.Sort();
        double Percentile(double p) => differences[(int)(p * (n - 1))] / 255.0;
        var lagTwoMean = video.Count > 2 ? lagTwo / ((video.Count - 2.0) * video.Width * video.Height) / 255 : 0;
        return [mean / 255, std / 255, Percentile(0.1), Percentile(0.5), Percentile(0.9), Percentile(0.99), changed / n, lagTwoMean];
    }

    private static double[] Normalised(double[] counts)
    {
        var total = counts.Sum();
        return counts.Select(c => total == 0 ? 0 : c / total).ToArray();
    }
}
