using System.Text.Json;
using MedVid.Contracts;
using MedVid.Grains.Abstractions;
using MedVid.Grains.Datasets;
using MedVid.Grains.Generation;
using MedVid.Grains.Rating;
using MedVid.Grains.Runtime;
using MedVid.Grains.Scheduling;
using MedVid.Grains.Teams;
using MedVid.Rating.Protocols;
using MedVid.Storage;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;

namespace MedVid.Grains.Exports;

/// <summary>
/// Runs an export: generation jobs through the normal generation path (so quotas and the queue apply), a few at a time,
/// then a packaging work item, then retention. A durable reminder wakes the run while it has something to do, so a run
/// whose silo died carries on elsewhere; job and work-item ids derive from the run, so nothing is started twice.
/// </summary>
[GrainType(GrainTypeNames.ExportRun)]
public sealed class ExportRunGrain(TimeProvider clock, IGrainFactory grains, IBlobStore blobs, IOptions<ExportOptions> options)
    : StatefulGrain<ExportRunState>, IExportRunGrain, IRemindable
{
    public const string TickReminder = "export-run-tick";

    private ExportOptions Options => options.Value;

    public async Task<ExportRunView> StartAsync(ExportRunRequest request)
    {
        if (State.Created) return View();
        request.Spec.Validate();
        var checkpoint = await ExportSources.ResolveAsync(grains, request.TeamId, request.Spec.Source);
        State.Create(request.TeamId, request.CreatedBy, request.SpecificationId, request.Spec, request.Trigger, checkpoint, Random.Shared, clock.GetUtcNow());
        await WriteStateAsync();
        await this.RegisterOrUpdateReminder(TickReminder, Options.TickPeriod, Options.TickPeriod);
        await AdvanceAsync();
        return View();
    }

    public Task<ExportRunView> GetAsync()
    {
        State.RequireCreated();
        return Task.FromResult(View());
    }

    public async Task<ExportRunView> CancelAsync()
    {
        var wasPackaging = State.Status == ExportRunStatus.Packaging;
        var running = State.Cancel(clock.GetUtcNow());
        await WriteStateAsync();
        foreach (var job in running)
        {
            try
            {
                await grains.GetGrain<IGenerationJobGrain>(job).CancelAsync();
            }
            catch (IllegalTransitionException)
            {
                // it finished meanwhile; the run ignores its outcome now
            }
        }
        if (wasPackaging) await grains.CancelAsync(PackagingWorkItemId(), State.TeamId);
        await SleepUnlessNeededAsync();
        return View();
    }

    public async Task<ExportRunView> RetryAsync()
    {
        State.Retry();
        await WriteStateAsync();
        await this.RegisterOrUpdateReminder(TickReminder, Options.TickPeriod, Options.TickPeriod);
        await AdvanceAsync();
        return View();
    }

    public async Task ReportGenerationFinishedAsync(Guid generationJobId)
    {
        if (State.FindChunk(generationJobId) is not { } found) return;
        if (await RecordJobAsync(found.Chunk)) await AdvanceAsync();
    }

    public async Task ReportPackagedAsync(PackageExportResult result)
    {
        if (State.Status != ExportRunStatus.Packaging) return; // cancelled meanwhile, or a repeated report
        var version = result.DatasetVersion is { } manifest ? await AddDatasetVersionAsync(manifest) : null;
        State.Packaged(result.ZipBlob, result.Bytes, result.Sha256, result.Videos, version, clock.GetUtcNow());
        await WriteStateAsync();
        await SleepUnlessNeededAsync();
    }

    /// <summary>Adds the synthetic version to its dataset; a repeat after a crash finds the version its manifest already is.</summary>
    private async Task<SyntheticDatasetVersion> AddDatasetVersionAsync(SyntheticVersionManifest manifest)
    {
        var (spec, datasetId) = (State.Spec!, State.Spec!.Outputs.SyntheticDatasetId!.Value);
        var real = manifest.Clips - manifest.SyntheticClips;
        var notes = $"{manifest.SyntheticClips} synthetic clips from export '{spec.Name}' (run {State.Spec.Source.TrainingRunId}, checkpoint step {State.CheckpointStep})"
                    + (spec.Outputs.BaseVersion is { } baseVersion ? $" + {real} real clips of version {baseVersion}." : ".");
        var added = await grains.GetGrain<IDatasetGrain>(datasetId).AddVersionAsync(manifest.ManifestBlob, null, manifest.Clips, $"export {Key}", notes);
        return new SyntheticDatasetVersion(datasetId, added.Number, manifest.Clips, manifest.SyntheticClips);
    }

    public async Task ReportPackagingFailedAsync(string error)
    {
        if (State.Status != ExportRunStatus.Packaging) return;
        State.PackagingFailed(error, clock.GetUtcNow());
        await WriteStateAsync();
        await SleepUnlessNeededAsync();
    }

    /// <summary>The reminder's tick: catch up with jobs and packaging whose reports were lost, start more jobs, apply retention.</summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!State.Created)
        {
            await SleepUnlessNeededAsync(); // a reminder left by a run that was never stored
            return;
        }
        var changed = false;
        foreach (var chunk in State.Labels.SelectMany(l => l.Chunks).Where(c => c.IsRunning).ToList()) changed |= await RecordJobAsync(chunk);
        if (State.Status == ExportRunStatus.Packaging) await CheckPackagingAsync();
        else if (State.Status == ExportRunStatus.Rating) await CheckRatingAsync();
        else if (State.Status == ExportRunStatus.Generating) await AdvanceAsync();
        else if (changed) await WriteStateAsync();
        if (State.ExpireResult(clock.GetUtcNow()) is { } expired)
        {
            await blobs.DeleteAsync(expired);
            await WriteStateAsync();
        }
        await SleepUnlessNeededAsync();
    }

    /// <summary>Reads a running chunk's job; records its outcome when it finished, or why it waits. True when the chunk finished.</summary>
    private async Task<bool> RecordJobAsync(ExportChunk chunk)
    {
        var job = await grains.GetGrain<IGenerationJobGrain>(chunk.GenerationJobId!.Value).GetAsync();
        if (!job.Status.IsTerminal())
        {
            chunk.WaitReason = job.Status == RunStatus.Queued ? (await grains.GetGrain<ISchedulerGrain>(SchedulerGrain.Id).GetAsync(job.WorkItemId, State.TeamId)).WaitReason : null;
            return false;
        }
        var outcome = job.Status switch
        {
            RunStatus.Succeeded => ExportLabelStatus.Succeeded,
            RunStatus.Cancelled => ExportLabelStatus.Cancelled,
            _ => ExportLabelStatus.Failed,
        };
        return State.ChunkFinished(chunk, outcome, job.Error ?? (outcome == ExportLabelStatus.Cancelled ? "its generation job was cancelled" : null));
    }

    /// <summary>Starts the next generation jobs, or the packaging once every job succeeded.</summary>
    private async Task AdvanceAsync()
    {
        foreach (var (label, chunk) in State.ChunksToStart(Options.MaxJobsInFlight))
        {
            var jobId = DeterministicGuid.From(Key, $"label/{State.Labels.IndexOf(label)}/chunk/{chunk.Index}/attempt/{chunk.Attempt}");
            try
            {
                await StartJobAsync(jobId, label, chunk);
                State.ChunkStarted(chunk, jobId);
            }
            catch (GrainException e)
            {
                State.ChunkStarted(chunk, jobId);
                State.ChunkFinished(chunk, ExportLabelStatus.Failed, e.Message);
            }
        }
        if (State.GenerationSettled(clock.GetUtcNow()) && State.Status is ExportRunStatus.Packaging or ExportRunStatus.Rating)
        {
            await WriteStateAsync();
            if (State.Status == ExportRunStatus.Packaging) await EnqueuePackagingAsync();
            else await CheckRatingAsync();
            return;
        }
        await WriteStateAsync();
    }

    /// <summary>Starts the chunk's job, or adopts it when an earlier turn started it and died before recording it.</summary>
    private async Task StartJobAsync(Guid jobId, ExportLabelRun label, ExportChunk chunk)
    {
        var job = grains.GetGrain<IGenerationJobGrain>(jobId);
        try
        {
            await job.GetAsync();
            return;
        }
        catch (EntityNotFoundException)
        {
        }
        var seeds = label.Seeds.GetRange(chunk.FirstVideo, chunk.Count);
        var spec = State.Spec!.Sampling.ToGenerationJob(State.Spec.Source.TrainingRunId, State.CheckpointStep, label.Prompt, seeds);
        await job.StartForExportAsync(State.TeamId, State.CreatedBy, spec, Key);
    }

    /// <summary>
    /// A filtered run's rating: opens its campaign over every generated video (adopting one an earlier turn opened), or
    /// reads the verdicts so far and packages once every video is decided or the campaign was closed.
    /// </summary>
    private async Task CheckRatingAsync()
    {
        if (State.Rating is null)
        {
            await StartRatingAsync();
            return;
        }
        var verdicts = await grains.GetGrain<IRatingCampaignGrain>(State.Rating.CampaignId).GetVerdictsAsync(State.Spec!.Filter!.MinimumMean);
        var moved = State.RatingProgressed([.. verdicts.Items.Select(v => (v.Decision switch
        {
            AcceptanceDecision.Accepted => true,
            AcceptanceDecision.Rejected => false,
            _ => (bool?)null,
        }, v.Outcome))], verdicts.Status == CampaignStatus.Closed);
        await WriteStateAsync();
        if (moved) await EnqueuePackagingAsync();
    }

    private async Task StartRatingAsync()
    {
        var (spec, filter) = (State.Spec!, State.Spec!.Filter!);
        var videos = State.Labels.SelectMany(l => l.Chunks.SelectMany(c => Enumerable.Range(0, c.Count)
            .Select(i => (Label: l, Blob: $"{TeamBlobs.GenerationJob(State.TeamId, c.GenerationJobId!.Value)}/videos/video-{i:D4}.mp4")))).ToList();
        // Names raters never see; they must not occur in a prompt or label (the campaign refuses that for blinding).
        var (model, checkpoint) = ($"export-run-{Key.ToString("N")[..8]}", $"step-{State.CheckpointStep}");
        var campaignSpec = new RatingCampaignSpec($"Acceptance rating of {videos.Count} generated videos", filter.Protocol,
            [.. videos.Select(v => new CampaignItemSpec([new CampaignVideoSpec(VideoSourceKind.Generated, null, null, null, v.Blob, model, checkpoint,
                spec.Source.TrainingRunId)], v.Label.Prompt, v.Label.Name))],
            filter.Raters ?? [], filter.EffectiveRatersPerItem);
        var campaignId = DeterministicGuid.From(Key, "acceptance-rating");
        try
        {
            await grains.GetGrain<IRatingCampaignGrain>(campaignId).CreateAsync(State.TeamId, State.CreatedBy, campaignSpec);
        }
        catch (IllegalTransitionException)
        {
            // an earlier turn opened it and died before recording it
        }
        catch (GrainException e)
        {
            State.RatingFailed(e.Message, clock.GetUtcNow());
            await WriteStateAsync();
            await SleepUnlessNeededAsync();
            return;
        }
        State.RatingStarted(campaignId, [.. videos.Select(v => v.Blob)]);
        await WriteStateAsync();
    }

    private async Task EnqueuePackagingAsync()
    {
        var accepted = State.Rating?.Videos.Where(v => v.Accepted == true).ToDictionary(v => v.Blob, v => v.Outcome);
        var chunks = State.Labels.SelectMany(l => l.Chunks.Select(c =>
            new PackageExportChunk(l.Name, l.Prompt, $"{TeamBlobs.GenerationJob(State.TeamId, c.GenerationJobId!.Value)}/videos/", c.Count, accepted))).ToList();
        var outputs = State.Spec!.Outputs;
        SyntheticVersionPlan? version = null;
        if (outputs.SyntheticDatasetId is { } datasetId)
        {
            string? baseManifest;
            try
            {
                baseManifest = await ExportSources.RequireSyntheticDatasetAsync(grains, State.TeamId, outputs);
            }
            catch (GrainException e)
            {
                await ReportPackagingFailedAsync(e.Message);
                return;
            }
            var folder = TeamBlobs.SyntheticVersion(State.TeamId, datasetId, Key);
            version = new SyntheticVersionPlan(datasetId, outputs.LabelKey ?? ExportOutputs.DefaultLabelKey, baseManifest, folder, $"{folder}/manifest.jsonl");
        }
        var payload = new PackageExportPayload(Key, State.Spec.Name, State.Spec.Source.TrainingRunId, State.CheckpointStep, State.CheckpointSha256, chunks,
            outputs.Zip ? TeamBlobs.ExportZip(State.TeamId, Key) : null, version);
        await grains.EnqueueAsync(PackagingWorkItemId(), State.TeamId, WorkKinds.PackageExport, payload, new WorkOwner(WorkOwnerKind.ExportRun, Key), gpus: 0);
    }

    /// <summary>Catches up with a packaging outcome whose report was lost; re-enqueues (idempotent) one that was never queued.</summary>
    private async Task CheckPackagingAsync()
    {
        WorkItemView item;
        try
        {
            item = await grains.GetGrain<ISchedulerGrain>(SchedulerGrain.Id).GetAsync(PackagingWorkItemId(), State.TeamId);
        }
        catch (EntityNotFoundException)
        {
            await EnqueuePackagingAsync();
            return;
        }
        if (item.State == WorkItemState.Succeeded) await ReportPackagedAsync(JsonSerializer.Deserialize<PackageExportResult>(item.ResultJson!)!);
        else if (item.State is WorkItemState.Failed or WorkItemState.Cancelled) await ReportPackagingFailedAsync(item.Error ?? "the packaging work item failed");
    }

    private Guid PackagingWorkItemId() => DeterministicGuid.From(Key, $"package/{State.PackagingAttempt}");

    private async Task SleepUnlessNeededAsync()
    {
        if (State.NeedsWaking) return;
        if (await this.GetReminder(TickReminder) is { } reminder) await this.UnregisterReminder(reminder);
    }

    private ExportRunView View() => ExportRunViews.Of(Key, State);
}
