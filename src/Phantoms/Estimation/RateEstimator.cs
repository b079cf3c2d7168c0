using MedVid.Video;

namespace MedVid.Phantoms.Estimation;

/// <summary>
/// Dominant temporal frequency of a video (heart rate, articulator rate).
/// The frame is split into an 8x8 grid of regions; each region's mean intensity over time is
/// detrended and its periodogram taken (zero-padded FFT). Power spectra, not signals, are summed
/// across regions, so regions moving in opposite phase (a wall moving in, the cavity shrinking)
/// reinforce instead of cancelling. The peak inside the band is refined by parabolic interpolation.
/// </summary>
public static class RateEstimator
{
    private const int Grid = 8;

    public static RateEstimate Estimate(IReadOnlyList<RgbFrame> frames, double fps, double minHz, double maxHz)
    {
        if (frames.Count < 4)
            throw new ArgumentException("rate estimation needs at least 4 frames", nameof(frames));
        if (fps <= 0)
            throw new ArgumentOutOfRangeException(nameof(fps));
        maxHz = Math.Min(maxHz, fps / 2);
        if (minHz >= maxHz)
            throw new ArgumentException($"empty frequency band {minHz}..{maxHz} Hz at {fps} fps");

        var signals = RegionSignals(frames);
        // Zero-padding to at least 4096 points samples the spectrum finely enough that the peak
        // bin plus parabolic interpolation is accurate far below the 1/duration resolution.
        var length = 4096;
        while (length < frames.Count * 8)
            length <<= 1;
        var total = new double[length / 2 + 1];
        foreach (var signal in signals)
        {
            Detrend(signal);
            var power = Fft.Power(signal, length);
            for (var k = 0; k < total.Length; k++)
                total[k] += power[k];
        }

        var binHz = fps / length;
        var low = Math.Max(1, (int)Math.Ceiling(minHz / binHz));
        var high = Math.Min(total.Length - 2, (int)Math.Floor(maxHz / binHz));
        var peak = low;
        for (var k = low; k <= high; k++)
        {
            if (total[k] > total[peak])
                peak = k;
        }
        var offset = ParabolicOffset(total[peak - 1], total[peak], total[peak + 1]);
        var hz = (peak + offset) * binHz;
        return new RateEstimate(hz, PeakShare(total, peak, low, high, frames.Count / fps, binHz));
    }

    /// <summary>Mean intensity of each grid region in every frame: [region][frame].</summary>
    private static double[][] RegionSignals(IReadOnlyList<RgbFrame> frames)
    {
        var (width, height) = (frames[0].Width, frames[0].Height);
        var signals = new double[Grid * Grid][];
        for (var r = 0; r < signals.Length; r++)
            signals[r] = new double[frames.Count];
        var counts = new int[Grid * Grid];
        var regionOf = new int[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var region = (y * Grid / height) * Grid + x * Grid / width;
                regionOf[y * width + x] = region;
                counts[region]++;
            }
        }
        for (var f = 0; f < frames.Count; f++)
        {
            var luma = GrayImage.FromRgb(frames[f]).Data;
            for (var i = 0; i < luma.Length; i++)
                signals[regionOf[i]][f] += luma[i];
            for (var r = 0; r < signals.Length; r++)
                signals[r][f] /= Math.Max(1, counts[r]);
        }
        return signals;
    }

    /// <summary>Removes the least-squares line, so slow drifts (fading, gain changes) do not leak into low frequencies.</summary>
    private static void Detrend(double[] signal)
    {
        var n = signal.Length;
        double meanT = (n - 1) / 2.0, meanY = signal.Average();
        double sxy = 0, sxx = 0;
        for (var t = 0; t < n; t++)
        {
            sxy += (t - meanT) * (signal[t] - meanY);
            sxx += (t - meanT) * (t - meanT);
        }
        var slope = sxx > 0 ? sxy / sxx : 0;
        for (var t = 0; t < n; t++)
            signal[t] -= meanY + slope * (t - meanT);
    }

    private static double ParabolicOffset(double left, double centre, double right)
    {
        var denominator = left - 2 * centre + right;
        return denominator == 0 ? 0 : Math.Clamp(0.5 * (left - right) / denominator, -0.5, 0.5);
    }

    /// <summary>Share of in-band power within one resolution width (1/duration) of the peak.</summary>
    private static double PeakShare(double[] power, int peak, int low, int high, double seconds, double binHz)
    {
        var halfWidth = (int)Math.Ceiling(1 / seconds / binHz);
        double under = 0, all = 0;
        for (var k = low; k <= high; k++)
        {
            all += power[k];
            if (Math.Abs(k - peak) <= halfWidth)
                under += power[k];
        }
        return all > 0 ? under / all : 0;
    }
}
