namespace MedVid.PhantomsBench;

/// <summary>
/// The downstream model of the augmentation bench: multinomial logistic regression with L2 weight decay on standardised
/// features, fitted by full-batch gradient descent from zero weights, so a fit depends only on its training set.
/// </summary>
public sealed class DownstreamClassifier
{
    private readonly double[] _mean;
    private readonly double[] _scale;
    private readonly double[,] _weights; // [class, feature + bias]

    private DownstreamClassifier(double[] mean, double[] scale, double[,] weights) => (_mean, _scale, _weights) = (mean, scale, weights);

    public static DownstreamClassifier Fit(IReadOnlyList<double[]> features, IReadOnlyList<int> labels, int classes, double weightDecay = 1e-2,
        int iterations = 400, double learningRate = 0.5)
    {
        var dims = features[0].Length;
        var mean = new double[dims];
        var scale = new double[dims];
        for (var d = 0; d < dims; d++)
        {
            mean[d] = features.Average(f => f[d]);
            var variance = features.Average(f => (f[d] - mean[d]) * (f[d] - mean[d]));
            scale[d] = variance > 1e-12 ? 1 / Math.Sqrt(variance) : 0;
        }
        var x = features.Select(f => Standardise(f, mean, scale)).ToArray();
        var weights = new double[classes, dims + 1];
        var gradient = new double[classes, dims + 1];
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            Array.Clear(gradient);
            for (var i = 0; i < x.Length; i++)
            {
                var p = Probabilities(weights, x[i]);
                for (var c = 0; c < classes; c++)
                {
                    var error = (p[c] - (labels[i] == c ? 1 : 0)) / x.Length;
                    for (var d = 0; d < dims; d++) gradient[c, d] += error * x[i][d];
                    gradient[c, dims] += error;
                }
            }
            for (var c = 0; c < classes; c++)
            for (var d = 0; d <= dims; d++)
                weights[c, d] -= learningRate * (gradient[c, d] + (d < dims ? weightDecay * weights[c, d] : 0));
        }
        return new DownstreamClassifier(mean, scale, weights);
    }

    public int Predict(double[] features)
    {
        var p = Probabilities(_weights, Standardise(features, _mean, _scale));
        return Array.IndexOf(p, p.Max());
    }

    public double Accuracy(IReadOnlyList<double[]> features, IReadOnlyList<int> labels) =>
        features.Select((f, i) => Predict(f) == labels[i] ? 1.0 : 0.0).Average();

    private static double[] Standardise(double[] f, double[] mean, double[] scale) => [.. f.Select((v, d) => (v - mean[d]) * scale[d])];

    private static double[] Probabilities(double[,] weights, double[] x)
    {
        var (classes, dims) = (weights.GetLength(0), x.Length);
        var logits = new double[classes];
        for (var c = 0; c < classes; c++)
        {
            var z = weights[c, dims];
            for (var d = 0; d < dims; d++) z += weights[c, d] * x[d];
            logits[c] = z;
        }
        var max = logits.Max();
        var exp = logits.Select(z => Math.Exp(z - max)).ToArray();
        var sum = exp.Sum();
        return [.. exp.Select(e => e / sum)];
    }
}
