using MedVid.Engine;
using static TorchSharp.torch;

namespace MedVid.Diffusion.Sampling;

/// <summary>
/// What to sample: the latent shape [B, C, T, H, W], the caption conditioning, the null caption
/// for classifier-free guidance (needed when GuidanceScale ≠ 1; one row broadcasts to B), the
/// device and dtype of the latents, optionally the starting x_T instead of fresh noise, and the guidance rescale φ
/// (0: plain guidance; <see cref="ClassifierFreeGuidance"/>) and the weight η of the guidance's part parallel to the
/// conditional x̂0 (1: plain guidance; <see cref="GuidanceProjection"/>), and the timesteps at which guidance applies
/// (<see cref="GuidanceInterval"/>; outside it the step takes the conditional output alone, Kynkäänniemi et al. 2024).
/// </summary>
public sealed record SamplingRequest(
    long[] Shape,
    Conditioning Conditioning,
    Conditioning? NullConditioning = null,
    double GuidanceScale = 1.0,
    Device? Device = null,
    ScalarType DType = ScalarType.Float32,
    Tensor? InitialNoise = null,
    double GuidanceRescale = 0,
    double GuidanceParallelWeight = 1,
    GuidanceInterval? GuidanceInterval = null);

/// <summary>Reported after each denoising step: Step counts from 1 to TotalSteps.</summary>
public sealed record SamplingProgress(int Step, int TotalSteps, long Timestep);

/// <summary>
/// The reverse-process loop shared by DDPM and DDIM: x_T from the schedule's noise (<see cref="NoiseSchedule.DrawNoise"/>) and the caller's generator,
/// then for each timestep a guided prediction and the sampler's update. The denoiser's output is
/// of type <see cref="Prediction"/>; each update turns it into x̂0 and ε̂ with
/// <see cref="Parameterization.Coefficients"/>. All randomness
/// (x_T and any per-step noise) is drawn on the CPU from the generator, in order, so a seed gives
/// the same latents on any device up to kernel differences. Cancellation is checked before every
/// step; a cancelled run throws <see cref="OperationCanceledException"/>.
/// </summary>
public abstract class Sampler
{
    protected Sampler(NoiseSchedule schedule, long[] timesteps, PredictionType prediction)
    {
        Schedule = schedule;
        Timesteps = timesteps;
        Prediction = prediction;
    }

    public NoiseSchedule Schedule { get; }

    /// <summary>What the denoiser outputs (ε or v).</summary>
    public PredictionType Prediction { get; }

    /// <summary>The timesteps visited, descending.</summary>
    public IReadOnlyList<long> Timesteps { get; }

    public Tensor Sample(IDenoiser denoiser, SamplingRequest request, Generator generator,
        Action<SamplingProgress>? onStep = null, CancellationToken cancellation = default)
    {
        var device = request.Device ?? CPU;
        using var noGrad = no_grad();
        var x = request.InitialNoise is { } start
            ? start.to(request.DType, device, copy: true)
            : Schedule.DrawNoise(request.Shape, generator).to(request.DType, device);
        var parallelWeight = GuidanceProjection.CheckWeight(request.GuidanceParallelWeight);
        var batch = x.shape[0];
        if (request.Conditioning.BatchSize != batch)
            throw new ArgumentException($"conditioning has {request.Conditioning.BatchSize} rows for a batch of {batch}");
        for (var i = 0; i < Timesteps.Count; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            var t = Timesteps[i];
            var previous = i + 1 < Timesteps.Count ? Timesteps[i + 1] : -1;
            Tensor next;
            using (NewDisposeScope())
            {
                var timesteps = full([batch], t, int64, device);
                GuidanceProjection? projection = parallelWeight < 1 ? new(parallelWeight, CoefficientsAt(t)) : null;
                var scale = request.GuidanceInterval is { } interval && !interval.Contains(t) ? 1.0 : request.GuidanceScale;
                var output = ClassifierFreeGuidance.Predict(denoiser, x, timesteps, request.Conditioning,
                    request.NullConditioning, scale, request.GuidanceRescale, projection);
                next = Step(x, output, t, previous, generator).MoveToOuterDisposeScope();
            }
            x.Dispose();
            x = next;
            onStep?.Invoke(new SamplingProgress(i + 1, Timesteps.Count, t));
        }
        return x;
    }

    /// <summary>
    /// One update x_t → x_prev given the denoiser's output (of type <see cref="Prediction"/>).
    /// <paramref name="previousTimestep"/> is the next timestep of the list, or −1 after the last one.
    /// </summary>
    public abstract Tensor Step(Tensor sample, Tensor modelOutput, long timestep, long previousTimestep, Generator generator);

    /// <summary>x̂0 and ε̂ as coefficients on x_t and the output at <paramref name="timestep"/>.</summary>
    protected OutputCoefficients CoefficientsAt(long timestep) => Parameterization.Coefficients(Prediction, Schedule.AlphaCumprod(timestep));

    /// <summary>The forward process's noise like <paramref name="like"/>, drawn on the CPU so it is device independent.</summary>
    protected Tensor Noise(Tensor like, Generator generator) =>
        Schedule.DrawNoise(like.shape, generator).to(like.dtype, like.device);
}
