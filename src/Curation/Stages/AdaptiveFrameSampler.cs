using MedVid.Curation.Imaging;
using MedVid.Video;

namespace MedVid.Curation.Stages;

/// <summary>Bora's adaptive frame interval: "sampling begins at zero frame intervals and progressively
/// increases until the average inter-frame interval of the resultant video exceeds the
/// predetermined threshold K". The change between two kept frames is their mean absolute luma
/// difference (0..255); a clip that moves a lot already exceeds K at interval 0 and keeps every
/// frame, a slow clip is thinned until its kept frames differ by K on average.</summary>
public sealed class AdaptiveFrameSampler(double thresholdK, int maxInterval)
{
    private const int ThumbnailSide = 64;

    /// <summary>The interval chosen and the indices it keeps (always at least 2 when the clip has 2 frames).</summary>
    public (int Interval, IReadOnlyList<int> Indices, double MeanChange) Sample(IReadOnlyList<RgbFrame> frames)
    {
        if (frames.Count < 2 || thresholdK <= 0) return (0, Enumerable.Range(0, frames.Count).ToArray(), 0);
        var thumbnails = frames.Select(Thumbnail).ToArray();
        (int Interval, int[] Indices, double Change) best = (0, Enumerable.Range(0, frames.Count).ToArray(), 0);
        for (int interval = 0; interval <= maxInterval; interval++)
        {
            int stride = interval + 1;
            var indices = Enumerable.Range(0, (frames.Count - 1) / stride + 1).Select(k => k * stride).ToArray();
            if (indices.Length < 2) break;
            double change = MeanChange(thumbnails, indices);
            best = (interval, indices, change);
            if (change > thresholdK) break;
        }
        return best;
    }

    private static double MeanChange(float[][] thumbnails, int[] indices)
    {
        double total = 0;
        for (int k = 1; k < indices.Length; k++)
        {
            var a = thumbnails[indices[k - 1]];
            var b = thumbnails[indices[k]];
            double diff = 0;
            for (int i = 0; i < a.Length; i++) diff += Math.Abs(a[i] - b[i]);
            total += diff / a.Length;
        }
        return total / (indices.Length - 1);
    }

    private static float[] Thumbnail(RgbFrame frame)
    {
        double scale = Math.Min(1.0, (double)ThumbnailSide / Math.Max(frame.Width, frame.Height));
        int w = Math.Max(1, (int)Math.Round(frame.Width * scale)), h = Math.Max(1, (int)Math.Round(frame.Height * scale));
        return GrayImage.FromRgb(FrameResizer.Resize(frame, w, h)).Data;
    }
}
