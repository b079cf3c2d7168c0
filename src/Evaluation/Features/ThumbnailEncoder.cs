using MedVid.Evaluation.Frames;

namespace MedVid.Evaluation.Features;

/// <summary>
/// A video as a few tiny luma thumbnails: <see cref="Frames"/> frames at evenly spaced times, each area-averaged to
/// <see cref="Side"/> x <see cref="Side"/> cells, on a 0..1 scale. The feature space for near-copy detection: two clips
/// are close exactly when they look alike frame by frame, and the Euclidean distance divided by sqrt(Dimension) is the
/// root-mean-square luma difference of the thumbnails. It is not invariant to shifts, crops or time offsets; a
/// memorised clip reproduced with a small shift is still close at 16 px, one replayed from another start is not.
/// </summary>
public sealed class ThumbnailEncoder(int frames = 8, int side = 16) : IVideoFeatureEncoder
{
    public int Frames { get; } = frames > 0 ? frames : throw new ArgumentOutOfRangeException(nameof(frames));
    public int Side { get; } = side > 0 ? side : throw new ArgumentOutOfRangeException(nameof(side));

    public string Name => $"thumbnails-{Frames}x{Side}x{Side}-v1";

    public int Dimension => Frames * Side * Side;

    public double[] Encode(FrameSequence video)
    {
        var features = new double[Dimension];
        for (var k = 0; k < Frames; k++)
        {
            // Evenly spaced over the clip, first and last frame included; clips shorter than Frames repeat frames.
            var t = Frames == 1 ? 0 : (int)Math.Round(k * (video.Count - 1) / (double)(Frames - 1));
            AreaAverage(video.LumaOf(t), video.Width, video.Height, features, k * Side * Side);
        }
        return features;
    }

    private void AreaAverage(float[] luma, int width, int height, double[] into, int offset)
    {
        var sums = new double[Side * Side];
        var counts = new int[Side * Side];
        for (var y = 0; y < height; y++)
        {
            var row = y * Side / height;
            for (var x = 0; x < width; x++)
            {
                var cell = row * Side + x * Side / width;
                sums[cell] += luma[y * width + x];
                counts[cell]++;
            }
        }
        for (var i = 0; i < sums.Length; i++)
            into[offset + i] = counts[i] == 0 ? 0 : sums[i] / counts[i] / 255;
    }
}
