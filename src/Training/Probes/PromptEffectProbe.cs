using MedVid.Diffusion;
using MedVid.Diffusion.Training;
using MedVid.Training.Data;
using MedVid.Training.Model;
using static TorchSharp.torch;

namespace MedVid.Training.Probes;

/// <summary>
/// Measures whether a model listens to its text (docs/training.md, "Prompt effect"): for one fixed batch of noisy
/// latents x_t (the run's own clips, noised at t = 250, 500 and 750 with noise drawn once from the run's seed), the
/// relative change ‖ε̂(c₁) − ε̂(c₂)‖ / ‖ε̂‖ between one training caption of each modality, and between each of those
/// captions and the empty prompt, and between each and the same caption with its first number doubled; and, on the same
/// clips noised at t = 950, the relative change of x̂0 between modalities. A v-prediction model's output is converted to
/// ε̂ and x̂0 first, so the figures compare across parameterizations. The same inputs at every measurement, in eval mode and without a graph, so the value is a
/// function of the weights alone.
/// </summary>
public sealed class PromptEffectProbe : IDisposable
{
    private const RandomStream ProbeStream = (RandomStream)106;
    private static readonly long[] Timesteps = [250, 500, 750];
    private const long HighNoiseTimestep = 950;

    private readonly TextToVideoModel model;
    private readonly NoiseSchedule schedule;
    private readonly IReadOnlyList<string> captions;
    private readonly (Tensor Noisy, Tensor Timesteps) mid;
    private readonly (Tensor Noisy, Tensor Timesteps) high;

    private PromptEffectProbe(TextToVideoModel model, NoiseSchedule schedule, IReadOnlyList<string> captions,
        (Tensor, Tensor) mid, (Tensor, Tensor) high) =>
        (this.model, this.schedule, this.captions, this.mid, this.high) = (model, schedule, captions, mid, high);

    /// <summary>One caption per modality (the first clip of each, at most four modalities) and a fixed x_t batch from two clips.</summary>
    public static PromptEffectProbe Create(TextToVideoModel model, NoiseSchedule schedule, Tensor latents, IReadOnlyList<TrainingClip> clips, ulong seed)
    {
        if (clips.Count == 0 || latents.shape[0] != clips.Count) throw new ArgumentException("the probe needs the run's clips and their latents");
        var captions = clips.GroupBy(c => c.Modality, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Take(4).Select(g => g.First().Caption).ToList();
        using var scope = NewDisposeScope();
        var rows = Math.Min(2, clips.Count);
        var x0 = latents.slice(0, 0, rows, 1).to(model.Device);
        var batch = cat(Enumerable.Repeat(x0, Timesteps.Length).ToArray());
        var t = tensor(Timesteps.SelectMany(step => Enumerable.Repeat(step, rows)).ToArray(), device: model.Device);
        using var generator = new Generator(SeedMixer.Mix(seed, ProbeStream, 0));
        var noise = schedule.DrawNoise(batch.shape, generator).to(batch.dtype, model.Device);
        var noisy = schedule.AddNoise(batch, noise, t);
        // Drawn after the mid-noise batch, so that batch (and its figures) is what it was before t = 950 was added.
        var highT = full([rows], HighNoiseTimestep, int64, model.Device);
        var highNoise = schedule.DrawNoise(x0.shape, generator).to(x0.dtype, model.Device);
        var highNoisy = schedule.AddNoise(x0, highNoise, highT);
        return new PromptEffectProbe(model, schedule, captions, (noisy.MoveToOuterDisposeScope(), t.MoveToOuterDisposeScope()),
            (highNoisy.MoveToOuterDisposeScope(), highT.MoveToOuterDisposeScope()));
    }

    public PromptEffect Measure()
    {
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            var empty = PredictNoise(string.Empty);
            var predictions = captions.Select(PredictNoise).ToList();
            var versusEmpty = predictions.Average(p => Relative(p, empty));
            var highNoise = captions.Select(PredictX0AtHighNoise).ToList();
            var statedValue = captions.Zip(predictions)
                .Select(p => StatedNumber.WithFirstDoubled(p.First) is { } doubled ? Relative(p.Second, PredictNoise(doubled)) : (double?)null)
                .OfType<double>().ToList();
            return new PromptEffect(MeanPairwise(predictions), versusEmpty, MeanPairwise(highNoise), statedValue.Count > 0 ? statedValue.Average() : null);
        }
        finally
        {
            if (wasTraining) model.train();
        }
    }

    private Tensor PredictNoise(string caption) =>
        schedule.PredictNoise(mid.Noisy, Predict(caption, mid), mid.Timesteps, model.Prediction);

    private Tensor PredictX0AtHighNoise(string caption) =>
        schedule.PredictX0(high.Noisy, Predict(caption, high), high.Timesteps, model.Prediction);

    private Tensor Predict(string caption, (Tensor Noisy, Tensor Timesteps) input)
    {
        var conditioning = model.EncodePrompts(Enumerable.Repeat(caption, (int)input.Noisy.shape[0]).ToArray());
        return model.Predict(input.Noisy, input.Timesteps, conditioning);
    }

    /// <summary>The mean relative change over every pair (null with fewer than two).</summary>
    private static double? MeanPairwise(IReadOnlyList<Tensor> predictions) => predictions.Count < 2
        ? null
        : predictions.SelectMany((a, i) => predictions.Skip(i + 1).Select(b => Relative(a, b))).Average();

    /// <summary>‖a − b‖ over the mean of ‖a‖ and ‖b‖.</summary>
    private static double Relative(Tensor a, Tensor b)
    {
        var scale = (a.norm().ToDouble() + b.norm().ToDouble()) / 2;
        return scale == 0 ? 0 : (a - b).norm().ToDouble() / scale;
    }

    public void Dispose()
    {
        foreach (var t in new[] { mid.Noisy, mid.Timesteps, high.Noisy, high.Timesteps }) t.Dispose();
    }
}
