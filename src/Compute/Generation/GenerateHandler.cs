using MedVid.Compute.Training;
using MedVid.Compute.Work;
using MedVid.Contracts;
using MedVid.Diffusion.Checkpoints;
using MedVid.Storage;
using MedVid.Training.Generation;
using MedVid.Training.Model;
using MedVid.Training.Output;
using MedVid.Diffusion.Training;

namespace MedVid.Compute.Generation;

/// <summary>
/// Runs a generation job: downloads the checkpoint, generates one MP4 per (prompt, repetition) with its seed, and
/// stores each with a poster and a provenance JSON (run, checkpoint step and SHA-256, prompt, seed, sampler settings)
/// under {OutputPrefix}/videos. Output names are fixed by the job: a re-run (after a preemption or a lost host) keeps the
/// videos whose provenance is stored and makes the rest.
/// </summary>
public sealed class GenerateHandler(IBlobStore blobs) : WorkHandler<GeneratePayload, GenerateResult>
{
    public override string Kind => WorkKinds.Generate;

    protected override async Task<GenerateResult> ExecuteAsync(GeneratePayload payload, WorkContext context, CancellationToken ct)
    {
        context.Progress.Report(new WorkProgress(0, "downloading the checkpoint"));
        var checkpointFolder = Path.Combine(context.ScratchDirectory, "checkpoint");
        await new BlobFolders(blobs).DownloadAsync(payload.Checkpoint, checkpointFolder, ct);
        var checkpointHash = TrainerState.HashFile(Path.Combine(checkpointFolder, CheckpointInfo.ModelFile));
        var checkpointStep = TrainerState.Read(Path.Combine(checkpointFolder, CheckpointInfo.StateFile)).Step;
        var (manifest, _) = ModelManifest.Read(checkpointFolder);

        using var model = CheckpointWeights.BuildForInference(checkpointFolder, WorkDevice.For(context));
        var output = Directory.CreateDirectory(Path.Combine(context.ScratchDirectory, "videos")).FullName;
        var videos = new List<GeneratedVideo>();
        var total = payload.Prompts.Count * payload.CountPerPrompt;
        for (var p = 0; p < payload.Prompts.Count; p++)
            for (var c = 0; c < payload.CountPerPrompt; c++)
            {
                var index = videos.Count;
                var request = new VideoRequest(payload.Prompts[p], payload.Seeds[index], payload.Sampler, payload.Steps, payload.Guidance, payload.Eta,
                    payload.Spacing, payload.Frames, payload.Width, payload.Height);
                var name = $"video-{index:D4}";
                var blob = $"{payload.OutputPrefix}/videos/{name}.mp4";
                var video = new GeneratedVideo(blob, $"{payload.OutputPrefix}/videos/{name}.jpg", request.Prompt, request.Seed, request.Sampler,
                    request.Steps, request.Guidance, request.Eta, request.Spacing, request.Frames, request.Width, request.Height, payload.TrainingRunId,
                    checkpointStep, checkpointHash, manifest.Fps);
                // A resumed job (preempted, or its host was lost) keeps the videos it finished: the provenance goes up last.
                if (await blobs.GetPropertiesAsync($"{payload.OutputPrefix}/videos/{name}.json", ct) is not null)
                {
                    videos.Add(video);
                    continue;
                }
                if (context.Preemption.IsCancellationRequested)
                    throw new WorkPreemptedException(null, $"preempted after {videos.Count} of {total} videos; the rest are made when it resumes");
                var file = Path.Combine(output, $"{name}.mp4");
                await Task.Run(() => VideoSynthesis.WriteAsync(model, request, manifest.Fps, file, video,
                    s => context.Progress.Report(new WorkProgress((index + (double)s.Step / s.TotalSteps) / total, $"video {index + 1}/{total}")), ct), ct);
                await UploadAsync(file, blob, "video/mp4", ct);
                await UploadAsync(VideoFiles.PosterOf(file), video.PosterBlob, "image/jpeg", ct);
                await UploadAsync(Path.ChangeExtension(file, ".json"), $"{payload.OutputPrefix}/videos/{name}.json", "application/json", ct);
                videos.Add(video);
            }
        context.Progress.Report(new WorkProgress(1, "stored"));
        return new GenerateResult(videos);
    }

    private async Task UploadAsync(string file, string blob, string contentType, CancellationToken ct)
    {
        await using var stream = File.OpenRead(file);
        await blobs.PutAsync(blob, stream, contentType, ct);
    }
}
