using MedVid.Video;

namespace MedVid.Phantoms.Estimation;

/// <summary>
/// Forward speed of an endoscope in lumen radii per second, from radial expansion.
/// With the projection r = R / z (R: half the shorter image side, z: depth in lumen radii),
/// moving forward by s shifts every wall point from depth z to z - s. Resampling each frame on a
/// grid of (angle, depth) around the lumen centre turns that expansion into a uniform shift along
/// depth, which cross-correlation between consecutive frames measures directly.
/// </summary>
public static class ForwardSpeedEstimator
{
    private const int Angles = 64;
    private const double NearDepth = 1.15;
    private const double FarDepth = 3.2;
    private const double DepthStep = 0.015;
    private const int MaxShift = 27; // samples: 0.4 radii per frame, 4.8 radii/s at 12 fps

    public static SpeedEstimate Estimate(IReadOnlyList<RgbFrame> frames, double fps)
    {
        if (frames.Count < 2)
            throw new ArgumentException("speed estimation needs at least 2 frames", nameof(frames));
        var images = frames.Select(GrayImage.FromRgb).ToList();
        var (centreX, centreY) = LumenCentre(images);
        var scale = Math.Min(frames[0].Width, frames[0].Height) / 2.0;
        var unwrapped = images.Select(i => Unwrap(i, centreX, centreY, scale)).ToList();
        RemoveStaticPattern(unwrapped);

        // Sum the correlation curves of all consecutive pairs, then take the single best shift.
        var curve = new double[2 * MaxShift + 1];
        for (var t = 0; t + 1 < unwrapped.Count; t++)
        {
            var pair = Correlation(unwrapped[t], unwrapped[t + 1]);
            for (var k = 0; k < curve.Length; k++)
                curve[k] += pair[k];
        }
        var best = 0;
        for (var k = 1; k < curve.Length; k++)
        {
            if (curve[k] > curve[best])
                best = k;
        }
        var offset = best > 0 && best < curve.Length - 1 ? Parabolic(curve[best - 1], curve[best], curve[best + 1]) : 0;
        var shiftPerFrame = (best - MaxShift + offset) * DepthStep;
        var confidence = Math.Clamp(curve[best] / (unwrapped.Count - 1), 0, 1);
        return new SpeedEstimate(shiftPerFrame * fps, confidence);
    }

    /// <summary>The lumen is the darkest place of the heavily blurred mean frame (looked for in the central 70%).</summary>
    internal static (double X, double Y) LumenCentre(IReadOnlyList<GrayImage> images)
    {
        var mean = GrayImage.Average(images);
        var blurred = mean.BoxBlur(Math.Max(1, Math.Min(mean.Width, mean.Height) / 12));
        var (bestX, bestY, bestValue) = (mean.Width / 2, mean.Height / 2, float.MaxValue);
        for (var y = (int)(0.15 * mean.Height); y < 0.85 * mean.Height; y++)
        {
            for (var x = (int)(0.15 * mean.Width); x < 0.85 * mean.Width; x++)
            {
                if (blurred[x, y] < bestValue)
                    (bestX, bestY, bestValue) = (x, y, blurred[x, y]);
            }
        }
        return (bestX + 0.5, bestY + 0.5);
    }

    /// <summary>
    /// Log-intensity on the (angle, depth) grid, high-passed along depth so the static light
    /// fall-off does not pull the correlation toward zero shift.
    /// </summary>
    private static double[][] Unwrap(GrayImage image, double centreX, double centreY, double scale)
    {
        var depths = (int)((FarDepth - NearDepth) / DepthStep) + 1;
        var rays = new double[Angles][];
        for (var a = 0; a < Angles; a++)
        {
            var angle = 2 * Math.PI * a / Angles;
            var (c, s) = (Math.Cos(angle), Math.Sin(angle));
            var ray = new double[depths];
            for (var d = 0; d < depths; d++)
            {
                var r = scale / (NearDepth + d * DepthStep);
                ray[d] = Math.Log(image.Sample(centreX + c * r, centreY + s * r) + 8);
            }
            rays[a] = HighPass(ray, halfWindow: 17);
        }
        return rays;
    }

    /// <summary>
    /// Subtracts each grid point's mean over the clip. What stays put (light fall-off, vignetting,
    /// compression patterns tied to the pixel grid) would otherwise bias the match toward no motion,
    /// most of all for slow speeds; the moving wall texture mostly averages out of the mean.
    /// </summary>
    private static void RemoveStaticPattern(List<double[][]> unwrapped)
    {
        var rays = unwrapped[0].Length;
        var depths = unwrapped[0][0].Length;
        for (var a = 0; a < rays; a++)
        {
            for (var d = 0; d < depths; d++)
            {
                double mean = 0;
                foreach (var frame in unwrapped)
                    mean += frame[a][d];
                mean /= unwrapped.Count;
                foreach (var frame in unwrapped)
                    frame[a][d] -= mean;
            }
        }
    }

    private static double[] HighPass(double[] ray, int halfWindow)
    {
        var result = new double[ray.Length];
        for (var i = 0; i < ray.Length; i++)
        {
            int from = Math.Max(0, i - halfWindow), to = Math.Min(ray.Length - 1, i + halfWindow);
            double sum = 0;
            for (var j = from; j <= to; j++)
                sum += ray[j];
            result[i] = ray[i] - sum / (to - from + 1);
        }
        return result;
    }

    /// <summary>
    /// Normalised correlation of next[z] with previous[z + shift] for each shift: the next frame sees at
    /// depth z what the previous frame saw at depth z + s/fps.
    /// </summary>
    private static double[] Correlation(double[][] previous, double[][] next)
    {
        var depths = previous[0].Length;
        var curve = new double[2 * MaxShift + 1];
        for (var k = 0; k < curve.Length; k++)
        {
            var shift = k - MaxShift;
            double sum = 0, energyA = 0, energyB = 0;
            for (var a = 0; a < previous.Length; a++)
            {
                for (var z = Math.Max(0, -shift); z < depths && z + shift < depths; z++)
                {
                    var p = previous[a][z + shift];
                    var n = next[a][z];
                    sum += p * n;
                    energyA += p * p;
                    energyB += n * n;
                }
            }
            curve[k] = energyA > 0 && energyB > 0 ? sum / Math.Sqrt(energyA * energyB) : 0;
        }
        return curve;
    }

    private static double Parabolic(double left, double centre, double right)
    {
        var denominator = left - 2 * centre + right;
        return denominator == 0 ? 0 : Math.Clamp(0.5 * (left - right) / denominator, -0.5, 0.5);
    }
}
