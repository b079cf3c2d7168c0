using MedVid.Contracts;
using MedVid.Grains.Abstractions;

namespace MedVid.Grains.Exports;

/// <summary>
/// An export run: the specification it ran with, the checkpoint it resolved, each label's chunks of generation jobs,
/// the packaging step and the zip it produced. State transitions only; the grain does the calls.
/// </summary>
public sealed class ExportRunState : IIndexedState
{
    /// <summary>Videos per generation job: the most one job makes for one prompt.</summary>
    public const int ChunkSize = 64;

    public bool Created { get; set; }
    public Guid TeamId { get; set; }
    public Guid CreatedBy { get; set; }
    public Guid SpecificationId { get; set; }
    public ExportSpecification? Spec { get; set; }
    public ExportTrigger Trigger { get; set; } = ExportTrigger.Manual;
    public ExportRunStatus Status { get; set; }
    public long CheckpointStep { get; set; }
    public string CheckpointSha256 { get; set; } = "";
    public List<ExportLabelRun> Labels { get; set; } = [];
    public int PackagingAttempt { get; set; }
    public ExportPackage? Package { get; set; }
    public ExportRating? Rating { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    public void Create(Guid teamId, Guid createdBy, Guid specificationId, ExportSpecification spec, ExportTrigger trigger, CheckpointRecord checkpoint,
        Random seeds, DateTimeOffset now)
    {
        if (Created) throw new IllegalTransitionException("The export run already exists.");
        spec.Validate();
        (TeamId, CreatedBy, SpecificationId, Spec, Trigger, CreatedAt) = (teamId, createdBy, specificationId, spec, trigger, now);
        (CheckpointStep, CheckpointSha256) = (checkpoint.Step, checkpoint.ModelSha256);
        Labels = [.. spec.Labels.Select(l => new ExportLabelRun
        {
            Name = l.Name,
            Prompt = l.Prompt,
            Seeds = [.. spec.Seeds.Draw(spec.VideosPerLabel, seeds)],
            Chunks = Chunk(spec.VideosPerLabel),
        })];
        (Status, Created) = (ExportRunStatus.Generating, true);
    }

    /// <summary>Chunks to start now, oldest label first, so that at most <paramref name="maxInFlight"/> jobs of this run run at once.</summary>
    public IReadOnlyList<(ExportLabelRun Label, ExportChunk Chunk)> ChunksToStart(int maxInFlight)
    {
        if (Status != ExportRunStatus.Generating) return [];
        var free = maxInFlight - Labels.Sum(l => l.Chunks.Count(c => c.IsRunning));
        return free <= 0 ? [] : Labels.SelectMany(l => l.Chunks.Where(c => c.Status == ExportLabelStatus.Pending).Select(c => (l, c))).Take(free).ToList();
    }

    public void ChunkStarted(ExportChunk chunk, Guid generationJobId)
    {
        RequireStatus(ExportRunStatus.Generating, "start a generation job");
        (chunk.GenerationJobId, chunk.Status, chunk.Error) = (generationJobId, ExportLabelStatus.Generating, null);
    }

    /// <summary>The chunk whose current attempt is job <paramref name="generationJobId"/>, if any (a job of an earlier attempt is not).</summary>
    public (ExportLabelRun Label, ExportChunk Chunk)? FindChunk(Guid generationJobId) =>
        Labels.SelectMany(l => l.Chunks.Select(c => (l, c))).Where(p => p.c.GenerationJobId == generationJobId).Select(p => ((ExportLabelRun, ExportChunk)?)p).FirstOrDefault();

    /// <summary>Records a chunk's job outcome; false when nothing changed (a repeated or stale report).</summary>
    public bool ChunkFinished(ExportChunk chunk, ExportLabelStatus outcome, string? error)
    {
        if (Status != ExportRunStatus.Generating || !chunk.IsRunning) return false;
        (chunk.Status, chunk.Error, chunk.WaitReason) = (outcome, error, null);
        return true;
    }

    /// <summary>True once every chunk finished: the run then packages (all succeeded) or fails (naming the failed labels).</summary>
    public bool GenerationSettled(DateTimeOffset now)
    {
        if (Status != ExportRunStatus.Generating || Labels.Any(l => l.Chunks.Any(c => !c.IsFinished))) return false;
        var failed = Labels.Where(l => l.Status != ExportLabelStatus.Succeeded).ToList();
        if (failed.Count == 0)
        {
            // A filtered run is rated once: a retry after a failed packaging keeps the verdicts, one cancelled while it
            // waited for them waits again on the same campaign.
            if (Spec!.Filter is not null && (Rating is null || Rating.Decided < Rating.Videos.Count)) Status = ExportRunStatus.Rating;
            else (Status, PackagingAttempt) = (ExportRunStatus.Packaging, PackagingAttempt + 1);
            return true;
        }
        Fail($"Generation failed for {failed.Count} of {Labels.Count} label(s): " +
             string.Join("; ", failed.Select(l => $"{l.Name}: {l.Chunks.FirstOrDefault(c => c.Error is not null)?.Error ?? "failed"}")) +
             ". Retry regenerates only these labels' failed jobs.", now);
        return true;
    }

    public void Packaged(string? zipBlob, long bytes, string? sha256, int videos, SyntheticDatasetVersion? datasetVersion, DateTimeOffset now)
    {
        RequireStatus(ExportRunStatus.Packaging, "record its zip");
        var retention = TimeSpan.FromDays(Spec!.Outputs.RetentionDays);
        Package = new ExportPackage
        {
            ZipBlob = zipBlob ?? "", Bytes = bytes, Sha256 = sha256 ?? "", Videos = videos, PackagedAt = now, ExpiresAt = now + retention,
            DatasetVersion = datasetVersion,
        };
        (Status, FinishedAt, Error) = (ExportRunStatus.Succeeded, now, null);
    }

    /// <summary>Records the campaign that rates the run's videos (<paramref name="videoBlobs"/> in the campaign's item order).</summary>
    public void RatingStarted(Guid campaignId, IReadOnlyList<string> videoBlobs)
    {
        RequireStatus(ExportRunStatus.Rating, "start rating its videos");
        Rating = new ExportRating { CampaignId = campaignId, Videos = [.. videoBlobs.Select(b => new RatedVideo { Blob = b })] };
    }

    /// <summary>
    /// Records the campaign's verdicts (item order: accepted, rejected, or null while undecided). The run packages once
    /// every video is decided, or once the campaign was closed (undecided videos are then left out). True when it moved on.
    /// </summary>
    public bool RatingProgressed(IReadOnlyList<(bool? Accepted, string Outcome)> verdicts, bool campaignClosed)
    {
        RequireStatus(ExportRunStatus.Rating, "record ratings");
        if (Rating is null || verdicts.Count != Rating.Videos.Count)
            throw new IllegalTransitionException($"The rating campaign has {verdicts.Count} items; the run rates {Rating?.Videos.Count ?? 0} videos.");
        foreach (var (video, verdict) in Rating.Videos.Zip(verdicts)) (video.Accepted, video.Outcome) = verdict;
        if (!campaignClosed && Rating.Decided < Rating.Videos.Count) return false;
        foreach (var video in Rating.Videos.Where(v => v.Accepted is null)) (video.Accepted, video.Outcome) = (false, "left out: not decided when the campaign closed");
        (Status, PackagingAttempt) = (ExportRunStatus.Packaging, PackagingAttempt + 1);
        return true;
    }

    /// <summary>The campaign could not be opened (e.g. a rater left the team): the run fails saying why.</summary>
    public void RatingFailed(string error, DateTimeOffset now)
    {
        RequireStatus(ExportRunStatus.Rating, "fail its rating");
        Fail($"The acceptance rating could not start: {error}", now);
    }

    public void PackagingFailed(string error, DateTimeOffset now)
    {
        RequireStatus(ExportRunStatus.Packaging, "fail its packaging");
        Fail($"Packaging failed: {error}. Retry packages again without regenerating any video.", now);
    }

    /// <summary>Cancels the run at any point before it finished; returns the jobs still running, which the grain cancels.</summary>
    public IReadOnlyList<Guid> Cancel(DateTimeOffset now)
    {
        RequireCreated();
        if (Status.IsTerminal()) throw new IllegalTransitionException($"The export run already {Status.ToString().ToLowerInvariant()}; only a running run can be cancelled.");
        var running = Labels.SelectMany(l => l.Chunks).Where(c => c.IsRunning).Select(c => c.GenerationJobId!.Value).ToList();
        foreach (var chunk in Labels.SelectMany(l => l.Chunks).Where(c => !c.IsFinished)) (chunk.Status, chunk.WaitReason) = (ExportLabelStatus.Cancelled, null);
        (Status, FinishedAt, Error) = (ExportRunStatus.Cancelled, now, "Cancelled by a user.");
        return running;
    }

    /// <summary>
    /// Runs a failed or cancelled run again: chunks that succeeded are kept (their videos are not generated again), the
    /// others get a new attempt. When every chunk had succeeded, only the packaging runs again.
    /// </summary>
    public void Retry()
    {
        RequireCreated();
        if (Status is not (ExportRunStatus.Failed or ExportRunStatus.Cancelled))
            throw new IllegalTransitionException($"Only a failed or cancelled export run can be retried; this one is {Status.ToString().ToLowerInvariant()}.");
        foreach (var chunk in Labels.SelectMany(l => l.Chunks).Where(c => c.Status != ExportLabelStatus.Succeeded))
            (chunk.Status, chunk.Attempt, chunk.GenerationJobId, chunk.Error) = (ExportLabelStatus.Pending, chunk.Attempt + 1, null, null);
        (Status, FinishedAt, Error) = (ExportRunStatus.Generating, null, null);
    }

    /// <summary>The zip to delete once its retention ended, recording the deletion; null when nothing is due.</summary>
    public string? ExpireResult(DateTimeOffset now)
    {
        if (Package is not { DeletedAt: null, HasZip: true } package || now < package.ExpiresAt) return null;
        package.DeletedAt = now;
        return package.ZipBlob;
    }

    /// <summary>Whether the run still has something to do later (generation, packaging, or a result to delete).</summary>
    public bool NeedsWaking => Created && (!Status.IsTerminal() || Package is { DeletedAt: null, HasZip: true });

    public void RequireCreated()
    {
        if (!Created) throw new EntityNotFoundException("The export run does not exist.");
    }

    public IEnumerable<GrainIndexEntry> IndexEntries() => Created
        ? [new GrainIndexEntry("team", TeamId.ToString()), new GrainIndexEntry("specification", SpecificationId.ToString())]
        : [];

    private void Fail(string error, DateTimeOffset now) => (Status, Error, FinishedAt) = (ExportRunStatus.Failed, error, now);

    private void RequireStatus(ExportRunStatus expected, string action)
    {
        RequireCreated();
        if (Status != expected) throw new IllegalTransitionException($"The export run is {Status.ToString().ToLowerInvariant()}; it cannot {action}.");
    }

    private static List<ExportChunk> Chunk(int videos) =>
        [.. Enumerable.Range(0, (videos + ChunkSize - 1) / ChunkSize).Select(i => new ExportChunk
        {
            Index = i,
            FirstVideo = i * ChunkSize,
            Count = Math.Min(ChunkSize, videos - i * ChunkSize),
        })];
}
