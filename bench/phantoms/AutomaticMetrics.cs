using System.Globalization;
using MedVid.Evaluation.Frames;
using MedVid.Evaluation.Reports;
using MedVid.Video;
using static MedVid.PhantomsBench.BenchSteps;

namespace MedVid.PhantomsBench;

/// <summary>
/// Issue 11's check that the automatic metrics rank what they should: each set of videos (real training clips, VAE
/// reconstructions, conditional and unconditional samples, uniform noise) evaluated against the held-out real phantoms
/// with <see cref="VideoSetEvaluation"/>: the Fréchet distance in pixel-statistics space, and the means of the temporal
/// metrics, side by side.
/// </summary>
public static class AutomaticMetrics
{
    public static readonly string[] Columns = ["frame_consistency", "flicker_score", "motion_smoothness", "sharpness"];

    public sealed record Row(string Name, string Key, int Videos, double? Frechet, IReadOnlyDictionary<string, double> Means, int NearCopies);

    /// <summary>Decodes every MP4 of <paramref name="folder"/> (name order) as the estimators' scoring does.</summary>
    public static async Task<List<VideoSample>> LoadAsync(string folder, BenchOptions o, CancellationToken ct)
    {
        var samples = new List<VideoSample>();
        foreach (var mp4 in Directory.GetFiles(folder, "*.mp4").Order(StringComparer.Ordinal))
            samples.Add(new VideoSample(Path.GetFileName(mp4), FrameSequence.FromRgbFrames(await DecodeAsync(mp4, o, ct), o.Fps)));
        return samples;
    }

    /// <summary>Uniform noise videos of the bench's size, one per held-out prompt: the floor every metric must tell apart.</summary>
    public static List<VideoSample> Noise(int count, BenchOptions o, int seed)
    {
        var rng = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i => new VideoSample($"noise-{i}", FrameSequence.FromRgbFrames(
            [.. Enumerable.Range(0, o.Frames).Select(_ =>
            {
                var pixels = new byte[o.Resolution * o.Resolution * 3];
                rng.NextBytes(pixels);
                return new RgbFrame(o.Resolution, o.Resolution, pixels);
            })], o.Fps)))];
    }

    public static Row Evaluate(string name, string key, IReadOnlyList<VideoSample> set, IReadOnlyList<VideoSample> heldOut, IReadOnlyList<VideoSample> training)
    {
        var report = VideoSetEvaluation.Evaluate(set, heldOut, training);
        return new Row(name, key, set.Count, report.FrechetDistance, Columns.ToDictionary(c => c, c => report.GeneratedMeans.GetValueOrDefault(c, double.NaN)), report.NearCopies);
    }

    public static void Print(IReadOnlyList<Row> rows, IReadOnlyList<VideoSample> heldOut, IReadOnlyList<VideoSample> training)
    {
        var culture = CultureInfo.InvariantCulture;
        var reference = VideoSetEvaluation.Evaluate(heldOut, heldOut, training).ReferenceMeans;
        Console.WriteLine();
        Console.WriteLine($"automatic metrics against the {heldOut.Count} held-out real phantoms (Fréchet distance in pixel-statistics-v1 space; lower is closer)");
        Console.WriteLine(string.Create(culture, $"{"videos",-32} {"n",3} {"Fréchet",9} {string.Join(" ", Columns.Select(c => $"{c,18}"))} {"near copies",11}"));
        Console.WriteLine(string.Create(culture, $"{"held-out real (reference)",-32} {heldOut.Count,3} {"0",9} {string.Join(" ", Columns.Select(c => $"{reference.GetValueOrDefault(c, double.NaN),18:0.000}"))} {"-",11}"));
        foreach (var row in rows)
            Console.WriteLine(string.Create(culture,
                $"{row.Name,-32} {row.Videos,3} {(row.Frechet is { } f ? f.ToString("0.0", culture) : "n/a"),9} {string.Join(" ", Columns.Select(c => $"{row.Means[c],18:0.000}"))} {row.NearCopies,11}"));
    }

    public static Dictionary<string, object?> ToJson(IReadOnlyList<Row> rows) => rows.ToDictionary(r => r.Key, r => (object?)new Dictionary<string, object?>
    {
        ["frechet"] = r.Frechet is { } f && double.IsFinite(f) ? Math.Round(f, 2) : null,
        ["near_copies"] = r.NearCopies,
        ["means"] = r.Means.ToDictionary(kv => kv.Key, kv => double.IsFinite(kv.Value) ? Math.Round(kv.Value, 4) : (double?)null),
    });
}
