namespace MedVid.Evaluation.Distribution;

/// <summary>A video identified by the caller (a generation output, a training clip) with its features.</summary>
public sealed record FeatureVector(string Id, double[] Features);

/// <summary>One generated video's closest training clips.</summary>
/// <param name="Distance">Euclidean distance to the nearest training clip in the encoder's feature space.</param>
/// <param name="SecondDistance">Distance to the second nearest (NaN with one training clip): a copy sits much closer to its source than to anything else.</param>
/// <param name="IsNearCopy">Distance at or below the report's threshold.</param>
public sealed record MemorisationMatch(string GeneratedId, string NearestTrainingId, double Distance, double SecondDistance, bool IsNearCopy);

public sealed record MemorisationReport(string EncoderName, double Threshold, IReadOnlyList<MemorisationMatch> Matches)
{
    public IReadOnlyList<MemorisationMatch> NearCopies => Matches.Where(m => m.IsNearCopy).ToList();

    public double NearCopyShare => Matches.Count == 0 ? 0 : NearCopies.Count / (double)Matches.Count;
}

/// <summary>
/// Nearest-neighbour memorisation check (the test of Carlini et al., "Extracting training data from diffusion models",
/// USENIX Security 2023, and Somepalli et al., CVPR 2023, in a video feature space): for each generated video, the
/// distance to the closest training clip; at or below a threshold it is flagged as a near-copy, a privacy concern when
/// training clips come from patients. The threshold is either absolute, in the encoder's units, or calibrated with
/// <see cref="ThresholdFromTrainingSpread"/> as a fraction of how far training clips typically lie from each other.
/// Brute force: O(generated x training x dimension), fine for thousands of clips.
/// </summary>
public static class MemorisationCheck
{
    public static MemorisationReport Check(IReadOnlyList<FeatureVector> generated, IReadOnlyList<FeatureVector> training, double threshold, string encoderName)
    {
        if (training.Count == 0) throw new ArgumentException("No training clips to compare with.", nameof(training));
        if (threshold < 0) throw new ArgumentOutOfRangeException(nameof(threshold));
        var matches = generated.Select(g =>
        {
            var (nearest, first, second) = (-1, double.PositiveInfinity, double.PositiveInfinity);
            for (var i = 0; i < training.Count; i++)
            {
                var d = Distance(g.Features, training[i].Features);
                if (d < first) (second, first, nearest) = (first, d, i);
                else if (d < second) second = d;
            }
            return new MemorisationMatch(g.Id, training[nearest].Id, first, training.Count > 1 ? second : double.NaN, first <= threshold);
        }).ToList();
        return new MemorisationReport(encoderName, threshold, matches);
    }

    /// <summary>
    /// <paramref name="fraction"/> x the median, over training clips, of the distance to their nearest other training
    /// clip. With 0.25, a generated video is flagged when it is four times closer to some training clip than training
    /// clips usually are to one another. Needs two or more training clips; duplicates in the training set pull it down.
    /// </summary>
    public static double ThresholdFromTrainingSpread(IReadOnlyList<FeatureVector> training, double fraction = 0.25)
    {
        if (training.Count < 2) throw new ArgumentException("Calibration needs at least two training clips.", nameof(training));
        var nearest = training.Select((a, i) => training.Where((_, j) => j != i).Min(b => Distance(a.Features, b.Features))).Order().ToList();
        var middle = nearest.Count / 2;
        var median = nearest.Count % 2 == 1 ? nearest[middle] : (nearest[middle - 1] + nearest[middle]) / 2;
        return fraction * median;
    }

    public static double Distance(double[] a, double[] b)
    {
        if (a.Length != b.Length) throw new ArgumentException("Feature vectors differ in length.");
        double sum = 0;
        for (var i = 0; i < a.Length; i++) sum += (a[i] - b[i]) * (a[i] - b[i]);
        return Math.Sqrt(sum);
    }
}
