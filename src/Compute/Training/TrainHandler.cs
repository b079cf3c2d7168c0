using MedVid.Compute.Work;
using MedVid.Contracts;
using MedVid.Contracts.Training;
using MedVid.Curation.Manifest;
using MedVid.Diffusion.Checkpoints;
using MedVid.Diffusion.Training;
using MedVid.Storage;
using MedVid.Training.Data;
using MedVid.Training.Recipes;
using MedVid.Training.Probes;
using MedVid.Training.Runs;

namespace MedVid.Compute.Training;

/// <summary>
/// Runs a training run: downloads the version's clips and the checkpoints it starts from, trains, and uploads every
/// checkpoint (weights, optimizer, trainer state, model.json, tokenizer, sample videos) to
/// {OutputPrefix}/checkpoints/{step:D8}, deleting those past the keep limit. A re-dispatched run (its host was lost,
/// or preempted) downloads its newest stored checkpoint and continues from there.
/// </summary>
public sealed class TrainHandler(IBlobStore blobs, TimeProvider clock) : WorkHandler<TrainPayload, TrainResult>
{
    public override string Kind => WorkKinds.Train;

    protected override async Task<TrainResult> ExecuteAsync(TrainPayload payload, WorkContext context, CancellationToken ct)
    {
        var recipe = RecipeCatalog.Get(payload.Recipe);
        var settings = new RunSettings(payload.Hyperparameters, payload.TotalSteps);
        var folders = new BlobFolders(blobs);
        var checkpoints = new CheckpointUploader(folders, blobs, payload.OutputPrefix, settings.KeepCheckpoints, clock);

        context.Progress.Report(new WorkProgress(0, "downloading clips"));
        var clips = await DownloadClipsAsync(payload, recipe, context.ScratchDirectory, ct);
        var baseFolder = await DownloadCheckpointAsync(folders, payload.BaseCheckpoint, Path.Combine(context.ScratchDirectory, "base"), ct);
        var vaeFolder = await DownloadCheckpointAsync(folders, payload.VaeCheckpoint, Path.Combine(context.ScratchDirectory, "vae"), ct);
        var checkpointRoot = Path.Combine(context.ScratchDirectory, "checkpoints");
        await checkpoints.RestoreLatestAsync(checkpointRoot, ct);
        var resumedFrom = checkpoints.Stored.LastOrDefault()?.Step;
        // Without a diffusion checkpoint, a diffusion run may have stored one of its VAE stage to continue that stage from.
        var vaeStage = new CheckpointUploader(folders, blobs, payload.OutputPrefix, keep: 1, clock, TrainingRunner.VaeStageFolder);
        if (resumedFrom is null) await vaeStage.RestoreLatestAsync(Path.Combine(checkpointRoot, TrainingRunner.VaeStageFolder), ct);
        var resumedVaeFrom = vaeStage.Stored.LastOrDefault()?.Step;
        if (resumedFrom is { } from) context.Progress.Report(new WorkProgress(0, $"resuming from the checkpoint of step {from}"));
        else if (resumedVaeFrom is { } vaeFrom) context.Progress.Report(new WorkProgress(0, $"resuming the VAE stage from its step {vaeFrom}"));

        var inputs = new RunInputs(recipe, payload.ModelSize, settings, clips, checkpointRoot, baseFolder, vaeFolder)
        {
            Device = WorkDevice.For(context),
            Preemption = context.Preemption,
        };
        var observer = new ProgressObserver(context, payload.TrainingRunId, checkpoints, vaeStage, inputs.Stages, resumedFrom ?? resumedVaeFrom, clock,
            inputs.Settings.PhantomReadout);
        double loss;
        try
        {
            loss = await Task.Run(() => new TrainingRunner(clock).RunAsync(inputs, observer, ct), ct);
        }
        catch (RunPreemptedException e)
        {
            throw new WorkPreemptedException(e.Step, e.Message); // the checkpoint it resumes from is uploaded by now
        }
        context.Progress.Report(new WorkProgress(1, "stored", observer.Last));
        return new TrainResult(checkpoints.Stored, loss);
    }

    private async Task<List<TrainingClip>> DownloadClipsAsync(TrainPayload payload, RecipePlan recipe, string scratch, CancellationToken ct)
    {
        IReadOnlyList<ManifestClip> manifest;
        await using (var stream = await blobs.OpenReadAsync(payload.ManifestBlob, null, ct))
            manifest = await DatasetManifest.ReadAllAsync(stream, ct);
        var selected = ClipSelection.Select(manifest, recipe);
        var folder = Directory.CreateDirectory(Path.Combine(scratch, "clips")).FullName;
        var clips = new List<TrainingClip>();
        foreach (var clip in selected)
        {
            var file = Path.Combine(folder, $"{clips.Count:D6}.mp4");
            await using (var source = await blobs.OpenReadAsync(clip.ClipBlob, null, ct))
            await using (var target = File.Create(file))
                await source.CopyToAsync(target, ct);
            clips.Add(new TrainingClip(clip.ClipId, file, ClipSelection.CaptionOf(clip, recipe), clip.Modality, ClipSelection.UsableFrames(clip), clip.Fps));
        }
        return clips;
    }

    private static async Task<string?> DownloadCheckpointAsync(BlobFolders folders, string? prefix, string folder, CancellationToken ct)
    {
        if (prefix is null) return null;
        await folders.DownloadAsync(prefix, folder, ct);
        return folder;
    }

    /// <summary>
    /// Turns the runner's steps into work progress: the fraction over both stages, and the run's
    /// <see cref="TrainingProgress"/> (the step within its stage, the stored checkpoint this attempt continues from, so
    /// the work a lost host or a preemption cost can be read off, and the measurements the portal draws).
    /// </summary>
    private sealed class ProgressObserver(
        WorkContext context, Guid runId, CheckpointUploader checkpoints, CheckpointUploader vaeStage, TrainingStages stages, long? resumedFrom,
        TimeProvider clock, bool phantomReadout)
        : IRunObserver
    {
        private PromptEffect? promptEffect;
        private IReadOnlyDictionary<string, double> readoutMetrics = new Dictionary<string, double>();

        public TrainingProgress? Last { get; private set; }

        public void StepCompleted(string stage, TrainingReport report, long totalSteps, double etaSeconds)
        {
            var measurements = new Dictionary<string, double>
            {
                ["loss"] = report.Loss,
                ["lr"] = report.LearningRate,
                ["samples_per_s"] = report.SamplesPerSecond,
                ["grad_norm"] = report.GradNorm,
                ["eta_s"] = etaSeconds, // of the current stage
            };
            // The latest measurement rides on every report after it, so throttled progress cannot drop it.
            if (stage == TrainingStages.Diffusion && promptEffect is { } effect)
            {
                measurements["prompt_effect_empty"] = effect.VersusEmpty;
                if (effect.BetweenModalities is { } between) measurements["prompt_effect_modality"] = between;
                if (effect.StatedValue is { } value) measurements["prompt_effect_value"] = value;
            }
            if (stage == TrainingStages.Diffusion) foreach (var (name, value) in readoutMetrics) measurements[name] = value;
            Last = new TrainingProgress(stage, report.Step, resumedFrom, Finite(measurements));
            context.Progress.Report(new WorkProgress(Math.Min(0.99, stages.Fraction(stage, report.Step)), $"{stage} step {report.Step}/{totalSteps}", Last));
        }

        /// <summary>JSON has no infinity or NaN (the first step's rate, a diverged loss): such a value is left out of the report.</summary>
        private static Dictionary<string, double> Finite(Dictionary<string, double> measurements) =>
            measurements.Where(m => double.IsFinite(m.Value)).ToDictionary();

        public void PromptEffectMeasured(long step, PromptEffect effect) => promptEffect = effect;

        public async Task CheckpointSavedAsync(CheckpointInfo checkpoint, IReadOnlyList<string> sampleVideos, CancellationToken ct)
        {
            var readout = phantomReadout && sampleVideos.Count > 0 ? await SampleReadout.ReadAsync(sampleVideos, ct) : null;
            await checkpoints.UploadAsync(checkpoint, sampleVideos, ct);
            if (readout is { Samples.Count: > 0 }) await ReportReadoutAsync(checkpoint.Step, readout, ct);
            await context.Publish(new TrainingCheckpointsStored(runId, [.. checkpoints.Stored], clock.GetUtcNow()), ct);
            // The run's own checkpoints hold the trained VAE from now on: the VAE stage's is no longer needed.
            if (vaeStage.Stored.Count > 0) await vaeStage.DeleteAllAsync(ct);
        }

        /// <summary>
        /// The read-out joins the run's latest metrics at the checkpoint's step, its line as the progress message; the
        /// history keeps it from the next step on (a point per step).
        /// </summary>
        private async Task ReportReadoutAsync(long step, SampleReadout readout, CancellationToken ct)
        {
            readoutMetrics = readout.Metrics(); // rides on every later report too, as the prompt effect does
            var measurements = new Dictionary<string, double>(Last?.Measurements ?? new Dictionary<string, double>());
            foreach (var (name, value) in readoutMetrics) measurements[name] = value;
            Last = new TrainingProgress(TrainingStages.Diffusion, step, resumedFrom, measurements);
            // The publisher drops a report that follows the previous one within its interval; this one must arrive.
            await Task.Delay(ProgressPublisher.MinInterval, ct);
            context.Progress.Report(new WorkProgress(Math.Min(0.99, stages.Fraction(TrainingStages.Diffusion, step)), readout.Describe(), Last));
        }

        public Task VaeStageCheckpointSavedAsync(CheckpointInfo checkpoint, CancellationToken ct) => vaeStage.UploadAsync(checkpoint, [], ct);
    }
}
