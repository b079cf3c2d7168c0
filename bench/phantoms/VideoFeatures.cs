using MedVid.Video;

namespace MedVid.PhantomsBench;

/// <summary>
/// What the downstream classifier sees of a clip: an 8×8 colour thumbnail of every frame, summarised over time by its
/// mean (appearance) and standard deviation (motion), 384 values in [0, 1].
/// </summary>
public static class VideoFeatures
{
    public const int Grid = 8;

    public static double[] Of(IReadOnlyList<RgbFrame> frames)
    {
        var thumbnails = frames.Select(Thumbnail).ToList();
        var size = thumbnails[0].Length;
        var features = new double[2 * size];
        for (var i = 0; i < size; i++)
        {
            var mean = thumbnails.Average(t => t[i]);
            features[i] = mean;
            features[size + i] = Math.Sqrt(thumbnails.Average(t => (t[i] - mean) * (t[i] - mean)));
        }
        return features;
    }

    private static double[] Thumbnail(RgbFrame frame)
    {
        var cells = new double[Grid * Grid * 3];
        var counts = new int[Grid * Grid];
        for (var y = 0; y < frame.Height; y++)
        for (var x = 0; x < frame.Width; x++)
        {
            var cell = y * Grid / frame.Height * Grid + x * Grid / frame.Width;
            var at = (y * frame.Width + x) * 3;
            for (var c = 0; c < 3; c++) cells[cell * 3 + c] += frame.Pixels[at + c] / 255.0;
            counts[cell]++;
        }
        for (var i = 0; i < cells.Length; i++) cells[i] /= Math.Max(1, counts[i / 3]);
        return cells;
    }
}
