using MedVid.Evaluation.Frames;
using OpenCvSharp;

namespace MedVid.Evaluation.Pixel;

/// <summary>Frame-to-frame consistency of one video.</summary>
/// <param name="Score">Mean SSIM between consecutive luma frames, in [-1, 1] (1 for identical frames).</param>
/// <param name="PairSimilarities">SSIM of each consecutive pair.</param>
public sealed record FrameConsistencyResult(double Score, IReadOnlyList<double> PairSimilarities);

/// <summary>
/// Frame consistency as MedSora reports it ("FC", after Esser et al. 2023: the mean similarity of consecutive frames),
/// with CLIP embeddings replaced by the structural similarity index (Wang, Bovik, Sheikh, Simoncelli, "Image quality
/// assessment: from error visibility to structural similarity", IEEE TIP 2004) on luma, since no CLIP weights are
/// available here: Gaussian window sigma 1.5, C1 = (0.01 x 255)^2, C2 = (0.03 x 255)^2, averaged over the frame.
/// Unlike flicker it also falls with legitimate motion: read it beside dynamic degree.
/// </summary>
public static class FrameConsistency
{
    private const double C1 = 0.01 * 255 * 0.01 * 255;
    private const double C2 = 0.03 * 255 * 0.03 * 255;

    public static FrameConsistencyResult Measure(FrameSequence video)
    {
        if (video.Count < 2) throw new ArgumentException("Frame consistency needs at least two frames.", nameof(video));
        var similarities = new List<double>();
        for (var t = 0; t + 1 < video.Count; t++)
            similarities.Add(Ssim(video.LumaOf(t), video.LumaOf(t + 1), video.Width, video.Height));
        return new FrameConsistencyResult(similarities.Average(), similarities);
    }

    /// <summary>Mean structural similarity of two luma images (0..255).</summary>
    public static double Ssim(float[] first, float[] second, int width, int height)
    {
        var a = Array.ConvertAll(first, v => (double)v);
        var b = Array.ConvertAll(second, v => (double)v);
        var muA = Blur(a, width, height);
        var muB = Blur(b, width, height);
        var aa = Blur(Product(a, a), width, height);
        var bb = Blur(Product(b, b), width, height);
        var ab = Blur(Product(a, b), width, height);
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var (ma, mb) = (muA[i], muB[i]);
            var (varA, varB, cov) = (aa[i] - ma * ma, bb[i] - mb * mb, ab[i] - ma * mb);
            sum += (2 * ma * mb + C1) * (2 * cov + C2) / ((ma * ma + mb * mb + C1) * (varA + varB + C2));
        }
        return sum / a.Length;
    }

    private static double[] Product(double[] a, double[] b)
    {
        var result = new double[a.Length];
        for (var i = 0; i < a.Length; i++) result[i] = a[i] * b[i];
        return result;
    }

    /// <summary>11x11 Gaussian window, sigma 1.5 (the SSIM paper's), edges reflected; doubles keep variances exact.</summary>
    private static double[] Blur(double[] plane, int width, int height)
    {
        using var source = new Mat(height, width, MatType.CV_64FC1);
        source.SetArray(plane);
        using var blurred = new Mat();
        Cv2.GaussianBlur(source, blurred, new Size(11, 11), 1.5, 1.5, BorderTypes.Reflect);
        blurred.GetArray(out double[] result);
        return result;
    }
}
