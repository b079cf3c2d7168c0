using System.Diagnostics;
using System.Globalization;
using MedVid.Diffusion.Checkpoints;
using MedVid.Diffusion.Training;
using MedVid.Training.Probes;
using MedVid.Training.Runs;

namespace MedVid.PhantomsBench;

/// <summary>Prints a run's steps and loss to stderr (at most every few seconds) and keeps the loss curve's ends.</summary>
public sealed class ProgressObserver(string label, TimeSpan? budget) : IRunObserver
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly List<double> losses = [];
    private TimeSpan? lastPrint;
    private double? smoothed;

    public long Steps { get; private set; }

    /// <summary>The last prompt-effect measurement and its step, if the run measured one.</summary>
    public (long Step, PromptEffect Effect)? LastPromptEffect { get; private set; }

    public TimeSpan Elapsed => clock.Elapsed;

    /// <summary>Ends the run's wall time (the budget countdown and <see cref="Elapsed"/>).</summary>
    public void Stop() => clock.Stop();

    /// <summary>Mean loss of the first and the last tenth of the steps (at least one step each).</summary>
    public (double First, double Last) LossEnds
    {
        get
        {
            if (losses.Count == 0) return (double.NaN, double.NaN);
            var n = Math.Max(1, losses.Count / 10);
            return (losses.Take(n).Average(), losses.TakeLast(n).Average());
        }
    }

    public void StepCompleted(string stage, TrainingReport report, long totalSteps, double etaSeconds)
    {
        Steps = report.Step;
        losses.Add(report.Loss);
        smoothed = smoothed is { } s ? 0.95 * s + 0.05 * report.Loss : report.Loss;
        if (lastPrint is { } printed && clock.Elapsed - printed < TimeSpan.FromSeconds(5) && report.Step != totalSteps) return;
        lastPrint = clock.Elapsed;
        var of = totalSteps < 1_000_000 ? $"/{totalSteps}" : "";
        var left = budget is { } b ? $"{Math.Max(0, (b - clock.Elapsed).TotalSeconds):0}s of budget left" : $"eta {etaSeconds:0}s";
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[{label}] {stage} step {report.Step}{of}  loss {report.Loss:0.0000} (smoothed {smoothed:0.0000})  {report.SamplesPerSecond:0.0} clips/s  {clock.Elapsed.TotalSeconds:0}s elapsed, {left}"));
    }

    public void PromptEffectMeasured(long step, PromptEffect effect)
    {
        LastPromptEffect = (step, effect);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[{label}] step {step} prompt effect: between modalities {effect.BetweenModalities:0.0000}, versus empty {effect.VersusEmpty:0.0000}, x0 between modalities at t=950 {effect.HighNoiseBetweenModalities:0.0000}, a stated number doubled {effect.StatedValue:0.0000}"));
    }

    public Task VaeStageCheckpointSavedAsync(CheckpointInfo checkpoint, CancellationToken ct) => Task.CompletedTask;

    public Task CheckpointSavedAsync(CheckpointInfo checkpoint, IReadOnlyList<string> sampleVideos, CancellationToken ct)
    {
        Console.Error.WriteLine($"[{label}] checkpoint at step {checkpoint.Step}");
        return Task.CompletedTask;
    }
}
