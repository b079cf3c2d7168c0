using MedVid.Phantoms;
using MedVid.Phantoms.Estimation;
using MedVid.Video;

namespace MedVid.PhantomsBench;

/// <summary>What the estimators read from one video, next to the prompt it was made for.</summary>
public sealed record VideoScore(PromptCase Case, Modality Classified, double? HeartRateBpm, int? Cells, bool? Polyp, double? MucosaGreenRed = null)
{
    public bool ModalityCorrect => Classified == Case.Modality;

    public double? HeartRateError => Case.Target is EchoPhantom e && HeartRateBpm is { } bpm ? Math.Abs(bpm - e.HeartRateBpm) : null;

    public int? CellError => Case.Target is MicroscopyPhantom m && Cells is { } n ? Math.Abs(n - m.CellCount) : null;

    public bool? PolypCorrect => Case.Target is EndoscopyPhantom e && Polyp is { } p ? p == e.Polyp : null;
}

/// <summary>Scores across a set of videos: each number is over the prompts of the modality it concerns.</summary>
public sealed record Scores(
    int Videos, double ModalityAccuracy, double HeartRateMaeBpm, double HeartRateWithin10, double CellMae, double CellExact,
    double PolypAccuracy, double MucosaGreenRed, IReadOnlyDictionary<string, int> ClassifiedAs)
{
    public Dictionary<string, object> ToJson() => new()
    {
        ["n"] = Videos,
        ["modality_acc"] = Round(ModalityAccuracy),
        ["hr_mae_bpm"] = Round(HeartRateMaeBpm, 1),
        ["hr_within_10bpm"] = Round(HeartRateWithin10),
        ["cell_mae"] = Round(CellMae, 2),
        ["cell_exact"] = Round(CellExact),
        ["polyp_acc"] = Round(PolypAccuracy),
        ["mucosa_green_red"] = Round(MucosaGreenRed),
        ["classified_as"] = ClassifiedAs,
    };

    private static object Round(double value, int digits = 3) => double.IsFinite(value) ? Math.Round(value, digits) : "n/a";
}

public static class Scoring
{
    /// <summary>
    /// Reads a video the way docs/phantoms.md validates the estimators: modality from the mean frame, heart rate from
    /// the whole clip (echo prompts), cells counted on the first frame (cell prompts; held-out prompts never divide),
    /// polyp presence and the mucosa's colour cast over all frames (endoscopy prompts). The estimators run whatever the classifier says, so a
    /// video of the wrong modality is still scored against its prompt.
    /// </summary>
    public static VideoScore Score(PromptCase prompt, IReadOnlyList<RgbFrame> frames, double fps)
    {
        var classified = PhantomEstimators.ClassifyModality(frames).Modality;
        double? bpm = prompt.Target is EchoPhantom ? PhantomEstimators.EstimateHeartRate(frames, fps).Bpm : null;
        int? cells = prompt.Target is MicroscopyPhantom ? PhantomEstimators.CountCells(frames[0]).Count : null;
        bool? polyp = prompt.Target is EndoscopyPhantom ? PhantomEstimators.DetectPolyp(frames).Present : null;
        var greenRed = prompt.Target is EndoscopyPhantom ? MucosaColour.GreenRedQuantile(frames, 0.5) : null;
        return new VideoScore(prompt, classified, bpm, cells, polyp, greenRed);
    }

    public static Scores Aggregate(IReadOnlyList<VideoScore> scores)
    {
        var hr = scores.Select(s => s.HeartRateError).OfType<double>().ToList();
        var cells = scores.Select(s => s.CellError).OfType<int>().ToList();
        var polyp = scores.Select(s => s.PolypCorrect).OfType<bool>().ToList();
        return new Scores(
            scores.Count,
            Mean(scores.Select(s => s.ModalityCorrect ? 1.0 : 0.0)),
            Mean(hr),
            Mean(hr.Select(e => e <= 10 ? 1.0 : 0.0)),
            Mean(cells.Select(e => (double)e)),
            Mean(cells.Select(e => e == 0 ? 1.0 : 0.0)),
            Mean(polyp.Select(p => p ? 1.0 : 0.0)),
            Mean(scores.Select(s => s.MucosaGreenRed).OfType<double>()),
            scores.GroupBy(s => s.Classified.BoraName()).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()));
    }

    private static double Mean(IEnumerable<double> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? double.NaN : list.Average();
    }
}
