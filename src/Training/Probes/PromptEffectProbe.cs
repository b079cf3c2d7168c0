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
/// captions and the empty prompt. The same inputs at every measurement, in eval mode and without a graph, so the value
/// is a function of the weights alone.
/// </summary>
public sealed class PromptEffectProbe : IDisposable
{
    private const RandomStream ProbeStream = (RandomStream)106;
    private static readonly long[] Timesteps = [250, 500, 750];

    private readonly TextToVideoModel model;
    private readonly IReadOnlyList<string> captions;
    private readonly Tensor noisy;
    private readonly Tensor timesteps;

    private PromptEffectProbe(TextToVideoModel model, IReadOnlyList<string> captions, Tensor noisy, Tensor timesteps) =>
        (this.model, this.captions, this.noisy, this.timesteps) = (model, captions, noisy, timesteps);

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
        var noise = randn(batch.shape, generator: generator).to(batch.dtype, model.Device);
        var noisy = schedule.AddNoise(batch, noise, t);
        return new PromptEffectProbe(model, captions, noisy.MoveToOuterDisposeScope(), t.MoveToOuterDisposeScope());
    }

    public PromptEffect Measure()
    {
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            var empty = Predict(string.Empty);
            var predictions = captions.Select(Predict).ToList();
            var versusEmpty = predictions.Average(p => Relative(p, empty));
            double? between = predictions.Count < 2
                ? null
                : predictions.SelectMany((a, i) => predictions.Skip(i + 1).Select(b => Relative(a, b))).Average();
            return new PromptEffect(between, versusEmpty);
        }
        finally
        {
            if (wasTraining) model.train();
        }
    }

    private Tensor Predict(string caption)
    {
        var conditioning = model.EncodePrompts(Enumerable.Repeat(caption, (int)noisy.shape[0]).ToArray());
        return model.PredictNoise(noisy, timesteps, conditioning);
    }

    /// <summary>‖a − b‖ over the mean of ‖a‖ and ‖b‖.</summary>
    private static double Relative(Tensor a, Tensor b)
    {
        var scale = (a.norm().ToDouble() + b.norm().ToDouble()) / 2;
        return scale == 0 ? 0 : (a - b).norm().ToDouble() / scale;
    }

    public void Dispose()
    {
        noisy.Dispose();
        timesteps.Dispose();
    }
}
