using MedVid.Diffusion.Checkpoints;
using MedVid.Training.Runs;
using MedVid.Video;

namespace MedVid.PhantomsBench;

/// <summary>The steps the phantom benches share: run settings from the options, time-boxed training, decoding a clip.</summary>
public static class BenchSteps
{
    /// <summary>The step count (and checkpoint interval) of a time-boxed run: its deadline, not the count, ends it.</summary>
    public const long UntilTheDeadline = 10_000_000;

    public static RunSettings Settings(BenchOptions o, int batchSize, double learningRate, double captionDropout, long totalSteps, int checkpointEvery) => new(
        new Dictionary<string, double>
        {
            ["seed"] = o.Seed,
            ["batch_size"] = batchSize,
            ["frames"] = o.Frames,
            ["resolution"] = o.Resolution,
            ["fps"] = o.Fps,
            ["lr"] = learningRate,
            ["warmup_steps"] = 50,
            ["caption_dropout"] = captionDropout,
            ["checkpoint_every"] = checkpointEvery,
            ["keep_checkpoints"] = 2,
            ["sample_steps"] = 2,
            ["pooled_text"] = o.PooledText ? 1 : 0,
            ["number_values"] = o.NumberValues ? 1 : 0,
            ["number_digits"] = o.NumberDigits ? 1 : 0,
            ["loss_weight_cap"] = o.LossWeightCap,
            ["v_prediction"] = o.VPrediction ? 1 : 0,
            ["zero_terminal_snr"] = o.ZeroTerminalSnr ? 1 : 0,
            ["frame_noise_share"] = o.FrameNoiseShare,
            ["timestep_logit_std"] = o.TimestepLogitStd,
            ["motion_loss_weight"] = o.MotionLossWeight,
            ["probe_every"] = 50,
            ["ffl_weight"] = o.VaeFrequencyWeight,
        },
        totalSteps);

    // Trains to the run's step count, or until the time budget runs out. The deadline reaches the runner as a preemption,
    // so it writes one checkpoint at the step it reached and stops; a time-boxed run therefore needs no periodic
    // checkpoints (each one also writes sample videos, which cost more than the steps between them).
    public static async Task<CheckpointInfo> TrainAsync(RunInputs inputs, ProgressObserver observer, TimeSpan? budget, CancellationToken ct)
    {
        using var deadline = new CancellationTokenSource();
        if (budget is { } b) deadline.CancelAfter(b);
        try
        {
            await Task.Run(() => new TrainingRunner(TimeProvider.System).RunAsync(inputs with { Preemption = deadline.Token }, observer, ct), ct);
        }
        catch (RunPreemptedException)
        {
            // The time budget is spent: the runner saved the step it reached.
        }
        finally
        {
            observer.Stop();
        }
        return new CheckpointStore(inputs.CheckpointRoot, null).Latest()
            ?? throw new InvalidOperationException($"No checkpoint in {inputs.CheckpointRoot}.");
    }

    /// <summary>The checkpoint of an earlier run's checkpoint folder (one kept with --keep).</summary>
    public static CheckpointInfo CheckpointAt(string folder) =>
        new CheckpointStore(Path.GetDirectoryName(Path.GetFullPath(folder))!, null).List().Single(c => Path.GetFullPath(c.Directory) == Path.GetFullPath(folder));

    public static async Task<List<RgbFrame>> DecodeAsync(string mp4, BenchOptions o, CancellationToken ct) =>
        await VideoDecoder.DecodeAllAsync(mp4, new DecodeOptions(Width: o.Resolution, Height: o.Resolution, Fps: o.Fps, MaxFrames: o.Frames), ct);

    /// <summary>Removes a bench's work folder unless --keep asked to keep its videos.</summary>
    public static void RemoveWorkFolder(string work, bool keep)
    {
        if (keep) return;
        try { Directory.Delete(work, recursive: true); }
        catch (IOException) { Console.Error.WriteLine($"could not remove {work}"); }
    }
}
