using MedVid.Diffusion;
using MedVid.Diffusion.Sampling;
using MedVid.Training.Model;
using MedVid.Training.Output;
using static TorchSharp.torch;
using MedVid.Contracts.Training;

namespace MedVid.Training.Generation;

/// <summary>
/// One video to generate: prompt, seed, sampler settings (DDIM's eta and spacing, which is always "trailing" for a
/// zero-terminal-SNR model; DDPM ignores eta) and the frame size in
/// pixels. Width and height may differ: the VAE is convolutional and the DiT's positional embedding is built per row and
/// column, so a model trained on square clips samples any multiple of 16 (beyond its training size it extrapolates).
/// GuidanceRescale is the φ of <see cref="ClassifierFreeGuidance"/> (0: plain guidance), GuidanceParallelWeight the η of
/// <see cref="GuidanceProjection"/> (1: plain guidance), GuidanceInterval the timesteps that are guided (null: all).
/// </summary>
public sealed record VideoRequest(string Prompt, long Seed, string Sampler, int Steps, double Guidance, double Eta, string Spacing, int Frames,
    int Width, int Height, double GuidanceRescale = 0, double GuidanceParallelWeight = 1,
    GuidanceInterval? GuidanceInterval = null);

/// <summary>Prompt → latents (DDIM or DDPM with classifier-free guidance) → VAE decode → MP4 with poster and provenance.</summary>
public static class VideoSynthesis
{
    public static async Task WriteAsync(TextToVideoModel model, VideoRequest request, double fps, string mp4, object provenance,
        Action<SamplingProgress>? onStep, CancellationToken ct)
    {
        Tensor video;
        using (NewDisposeScope())
        using (no_grad())
        {
            model.eval();
            video = Sample(model, request, onStep, ct).MoveToOuterDisposeScope();
        }
        using (video)
            await VideoFiles.WriteAsync(video, fps, mp4, provenance, ct);
    }

    /// <summary>The decoded video [3, T, H, W] in [-1, 1] for one request.</summary>
    public static Tensor Sample(TextToVideoModel model, VideoRequest request, Action<SamplingProgress>? onStep, CancellationToken ct)
    {
        var shape = new long[] { 1, model.vae.Config.LatentChannels, request.Frames, model.LatentSide(request.Height), model.LatentSide(request.Width) };
        var conditioning = model.EncodePrompts([request.Prompt]);
        var unconditional = model.EncodePrompts([string.Empty]);
        using var schedule = new NoiseSchedule(model.Schedule);
        var sampler = CreateSampler(schedule, request, model.Prediction);
        using var generator = new Generator((ulong)request.Seed);
        var latents = sampler.Sample(model, new SamplingRequest(shape, conditioning, unconditional, request.Guidance, model.Device,
            GuidanceRescale: request.GuidanceRescale, GuidanceParallelWeight: request.GuidanceParallelWeight,
            GuidanceInterval: request.GuidanceInterval), generator, onStep, ct);
        return model.vae.DecodeFromDiffusion(latents).select(0, 0);
    }

    private static Sampler CreateSampler(NoiseSchedule schedule, VideoRequest request, PredictionType prediction)
    {
        // A zero-terminal-SNR model learnt the pure-noise step T − 1; only trailing spacing starts there (Lin et al. 2023).
        var spacing = request.Spacing == SamplingVocabulary.Trailing || schedule.Config.ZeroTerminalSnr ? TimestepSpacing.Trailing : TimestepSpacing.Leading;
        return request.Sampler switch
        {
            SamplingVocabulary.Ddim => new DdimSampler(schedule, new DdimOptions(request.Steps, request.Eta, spacing), prediction),
            "ddpm" => new DdpmSampler(schedule, new DdpmOptions(request.Steps, spacing), prediction),
            _ => throw new ArgumentException($"Unknown sampler '{request.Sampler}'; known: ddim, ddpm."),
        };
    }
}
