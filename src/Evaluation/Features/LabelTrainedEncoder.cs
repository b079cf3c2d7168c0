using MedVid.Evaluation.Frames;
using MedVid.Rating.Assignment;

namespace MedVid.Evaluation.Features;

/// <summary>
/// A small video encoder trained on the platform itself (issue 11): a one-hidden-layer network fitted to tell a dataset
/// version's labels apart (by default the clips' modality) from <see cref="PixelStatisticsEncoder"/> features, whose
/// hidden layer (<see cref="Hidden"/> tanh units) is the feature space. Unlike the hand-made statistics, its axes are
/// the directions that separate the dataset's own classes, so a Fréchet distance in it grows when generated videos
/// lose what distinguishes the classes. Training is full-batch Adam from a fixed seed on standardised inputs, so the same
/// clips always give the same encoder; <see cref="Name"/> says what it was trained on, and distances are only
/// comparable between evaluations against the same dataset version and label. It is not I3D and not "FVD".
/// </summary>
public sealed class LabelTrainedEncoder : IVideoFeatureEncoder
{
    public const int Hidden = 16;
    private const int Iterations = 1500;
    private const double LearningRate = 0.01;
    private const double WeightDecay = 1e-3;

    private readonly IVideoFeatureEncoder _input;
    private readonly double[] _mean;
    private readonly double[] _scale;
    private readonly double[][] _w1;
    private readonly double[] _b1;

    private LabelTrainedEncoder(IVideoFeatureEncoder input, string name, IReadOnlyList<string> classes, double[] mean, double[] scale, double[][] w1, double[] b1,
        double trainingAccuracy)
    {
        (_input, Name, Classes, _mean, _scale, _w1, _b1, TrainingAccuracy) = (input, name, classes, mean, scale, w1, b1, trainingAccuracy);
    }

    public string Name { get; }

    public int Dimension => Hidden;

    /// <summary>The labels it was trained to tell apart, in the order of its output layer.</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>Share of the training clips its output layer classifies right: how much the feature space separates the labels.</summary>
    public double TrainingAccuracy { get; }

    /// <summary>
    /// Trains on labelled videos; null (with the reason) when there is nothing to learn: fewer than two labels, or a
    /// label with a single clip. <paramref name="trainedOn"/> names the data (e.g. "dataset 1a2b3c4d v2") in <see cref="Name"/>.
    /// </summary>
    public static (LabelTrainedEncoder? Encoder, string? Reason) Train(IVideoFeatureEncoder input, IReadOnlyList<(FrameSequence Video, string Label)> clips,
        string labelKey, string trainedOn) =>
        TrainOnFeatures(input, clips.Select(c => (input.Encode(c.Video), c.Label)).ToList(), labelKey, trainedOn);

    internal static (LabelTrainedEncoder? Encoder, string? Reason) TrainOnFeatures(IVideoFeatureEncoder input, IReadOnlyList<(double[] Features, string Label)> clips,
        string labelKey, string trainedOn)
    {
        var classes = clips.Select(c => c.Label).Distinct().Order(StringComparer.Ordinal).ToList();
        if (classes.Count < 2) return (null, $"the training clips have {classes.Count} '{labelKey}' label(s); a learned encoder needs two or more");
        if (classes.FirstOrDefault(k => clips.Count(c => c.Label == k) < 2) is { } lonely)
            return (null, $"'{labelKey}' = '{lonely}' has a single training clip; a learned encoder needs two or more per label");
        var d = input.Dimension;
        var mean = Enumerable.Range(0, d).Select(j => clips.Average(c => c.Features[j])).ToArray();
        var scale = Enumerable.Range(0, d).Select(j => Math.Sqrt(clips.Average(c => Math.Pow(c.Features[j] - mean[j], 2))) is var s && s > 1e-9 ? s : 1).ToArray();
        var x = clips.Select(c => Standardise(c.Features, mean, scale)).ToArray();
        var y = clips.Select(c => classes.IndexOf(c.Label)).ToArray();
        var network = Network.Initial(d, classes.Count, SplitMix64.FromText($"{labelKey}/{trainedOn}"));
        network.Fit(x, y);
        var name = $"label-mlp-h{Hidden}-v1/{labelKey}@{trainedOn}";
        return (new LabelTrainedEncoder(input, name, classes, mean, scale, network.W1, network.B1, network.Accuracy(x, y)), null);
    }

    public double[] Encode(FrameSequence video) => EncodeFeatures(_input.Encode(video));

    internal double[] EncodeFeatures(double[] features) => Network.HiddenOf(_w1, _b1, Standardise(features, _mean, _scale));

    private static double[] Standardise(double[] features, double[] mean, double[] scale) =>
        features.Select((v, j) => (v - mean[j]) / scale[j]).ToArray();

    /// <summary>tanh hidden layer, softmax output, cross-entropy with weight decay, full-batch Adam.</summary>
    private sealed class Network
    {
        public required double[][] W1 { get; init; }
        public required double[] B1 { get; init; }
        public required double[][] W2 { get; init; }
        public required double[] B2 { get; init; }

        public static Network Initial(int inputs, int classes, SplitMix64 random)
        {
            double Uniform(double limit) => (random.Next() / (double)ulong.MaxValue * 2 - 1) * limit;
            double[][] Matrix(int rows, int columns) =>
                Enumerable.Range(0, rows).Select(_ => Enumerable.Range(0, columns).Select(_ => Uniform(Math.Sqrt(6.0 / (rows + columns)))).ToArray()).ToArray();
            return new Network { W1 = Matrix(Hidden, inputs), B1 = new double[Hidden], W2 = Matrix(classes, Hidden), B2 = new double[classes] };
        }

        public static double[] HiddenOf(double[][] w1, double[] b1, double[] x) =>
            w1.Select((row, i) => Math.Tanh(b1[i] + row.Select((w, j) => w * x[j]).Sum())).ToArray();

        public double Accuracy(double[][] x, int[] y) =>
            x.Select((xi, n) => Probabilities(HiddenOf(W1, B1, xi)) is var p && Array.IndexOf(p, p.Max()) == y[n] ? 1.0 : 0.0).Average();

        public void Fit(double[][] x, int[] y)
        {
            var parameters = new[] { W1.SelectMany(r => r).ToArray(), B1, W2.SelectMany(r => r).ToArray(), B2 };
            var adam = parameters.Select(p => (M: new double[p.Length], V: new double[p.Length])).ToArray();
            for (var step = 1; step <= Iterations; step++)
            {
                var gradients = Gradients(x, y);
                for (var k = 0; k < parameters.Length; k++) AdamStep(parameters[k], gradients[k], adam[k].M, adam[k].V, step, decay: k % 2 == 0);
                CopyBack(parameters[0], W1);
                CopyBack(parameters[2], W2);
            }
        }

        private double[] Probabilities(double[] hidden)
        {
            var logits = W2.Select((row, c) => B2[c] + row.Select((w, i) => w * hidden[i]).Sum()).ToArray();
            var max = logits.Max();
            var exp = logits.Select(l => Math.Exp(l - max)).ToArray();
            var sum = exp.Sum();
            return exp.Select(e => e / sum).ToArray();
        }

        /// <summary>Mean cross-entropy gradients, flattened like the parameters (W1 rows, B1, W2 rows, B2).</summary>
        private double[][] Gradients(double[][] x, int[] y)
        {
            var (inputs, classes) = (W1[0].Length, W2.Length);
            var (gW1, gB1, gW2, gB2) = (new double[Hidden * inputs], new double[Hidden], new double[classes * Hidden], new double[classes]);
            for (var n = 0; n < x.Length; n++)
            {
                var hidden = HiddenOf(W1, B1, x[n]);
                var delta = Probabilities(hidden);
                delta[y[n]] -= 1;
                for (var c = 0; c < classes; c++)
                {
                    gB2[c] += delta[c];
                    for (var i = 0; i < Hidden; i++) gW2[c * Hidden + i] += delta[c] * hidden[i];
                }
                for (var i = 0; i < Hidden; i++)
                {
                    var back = 0.0;
                    for (var c = 0; c < classes; c++) back += delta[c] * W2[c][i];
                    back *= 1 - hidden[i] * hidden[i];
                    gB1[i] += back;
                    for (var j = 0; j < inputs; j++) gW1[i * inputs + j] += back * x[n][j];
                }
            }
            var all = new[] { gW1, gB1, gW2, gB2 };
            foreach (var g in all)
                for (var k = 0; k < g.Length; k++) g[k] /= x.Length;
            return all;
        }

        private static void AdamStep(double[] p, double[] g, double[] m, double[] v, int step, bool decay)
        {
            const double beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8;
            for (var k = 0; k < p.Length; k++)
            {
                var grad = g[k] + (decay ? WeightDecay * p[k] : 0);
                m[k] = beta1 * m[k] + (1 - beta1) * grad;
                v[k] = beta2 * v[k] + (1 - beta2) * grad * grad;
                var mHat = m[k] / (1 - Math.Pow(beta1, step));
                var vHat = v[k] / (1 - Math.Pow(beta2, step));
                p[k] -= LearningRate * mHat / (Math.Sqrt(vHat) + epsilon);
            }
        }

        private static void CopyBack(double[] flat, double[][] matrix)
        {
            var columns = matrix[0].Length;
            for (var r = 0; r < matrix.Length; r++) Array.Copy(flat, r * columns, matrix[r], 0, columns);
        }
    }
}
