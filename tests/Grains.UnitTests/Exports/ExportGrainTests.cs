using MedVid.Grains.Exports;
using MedVid.Grains.Teams;
using static MedVid.Grains.UnitTests.Exports.ExportFixtures;

namespace MedVid.Grains.UnitTests.Exports;

/// <summary>Export specifications and runs on a silo: fan-out through generation jobs, per-label failure and retry, cancel, restart, retention.</summary>
public sealed class ExportGrainTests : SqliteSiloTest
{
    private readonly Guid _team = Guid.NewGuid();

    [Fact]
    public async Task A_specification_on_another_teams_run_or_an_unknown_checkpoint_is_refused_and_nothing_is_stored()
    {
        var theirs = await SucceededRunAsync(Host, Guid.NewGuid(), 600);
        var ours = await SucceededRunAsync(Host, _team, 200, 600);
        var cases = new (ExportSpecification Spec, Type Error, string Message)[]
        {
            (Spec(theirs), typeof(EntityNotFoundException), "The training run of source.trainingRunId does not exist."),
            (Spec(Guid.NewGuid()), typeof(EntityNotFoundException), "The training run of source.trainingRunId does not exist."),
            (Spec(ours, step: 400), typeof(InvalidGrainArgumentException), "Unknown checkpoint: the training run has no checkpoint at step 400; kept: 200, 600."),
            (Spec(ours, videosPerLabel: 10_001), typeof(InvalidGrainArgumentException), "videosPerLabel must be between 1 and 10,000, got 10,001."),
        };
        foreach (var (spec, error, message) in cases)
        {
            var id = Guid.NewGuid();
            var thrown = await Assert.ThrowsAnyAsync<GrainException>(() => Host.Grains.GetGrain<IExportSpecificationGrain>(id).CreateAsync(_team, Guid.NewGuid(), spec));
            Assert.Equal((error, message), (thrown.GetType(), thrown.Message));
            await Assert.ThrowsAsync<EntityNotFoundException>(() => Host.Grains.GetGrain<IExportSpecificationGrain>(id).GetAsync());
        }
        Assert.Empty(await Host.Directory.FindAsync<IExportSpecificationGrain>("team", _team.ToString()));

        var stored = await Host.Grains.GetGrain<IExportSpecificationGrain>(Guid.NewGuid()).CreateAsync(_team, Guid.NewGuid(), Spec(ours, step: 200));
        Assert.Equal(200, stored.Spec.Source.CheckpointStep);
    }

    [Fact]
    public async Task A_run_fans_out_generation_jobs_and_a_retry_regenerates_only_the_failed_label()
    {
        var runOf = await SucceededRunAsync(Host, _team, 200, 600);
        var specification = await SpecificationAsync(Host, _team, runOf, videosPerLabel: 70); // two labels of 64 + 6 videos
        var runId = Guid.NewGuid();
        var run = Host.Grains.GetGrain<IExportRunGrain>(runId);
        var spec = await Host.Grains.GetGrain<IExportSpecificationGrain>(specification).GetAsync();
        var started = await run.StartAsync(new ExportRunRequest(_team, Guid.NewGuid(), specification, spec.Spec, ExportTrigger.Manual));
        Assert.Equal((ExportRunStatus.Generating, 600L, "sha-600", 140), (started.Status, started.CheckpointStep, started.CheckpointSha256, started.Videos));

        // Four jobs (the cap), each queued with the scheduler as any generation job is, from the newest checkpoint.
        var jobs = await JobsOfAsync(Host, _team, runId);
        Assert.Equal(4, jobs.Count);
        Assert.All(jobs, j => Assert.Equal(600, j.Spec.CheckpointStep));
        var queue = await Host.Grains.GetGrain<ISchedulerGrain>(SchedulerGrain.Id).ListAsync(_team);
        Assert.Equal(4, queue.Count(i => i.Kind == WorkKinds.Generate && i.State == WorkItemState.Queued));
        Assert.Equal([64, 6, 64, 6], jobs.OrderBy(j => j.Spec.Prompts[0]).ThenByDescending(j => j.Spec.CountPerPrompt).Select(j => j.Spec.CountPerPrompt));

        var failing = jobs.Single(j => j.Spec.Prompts[0] == "An endoscopy video without a polyp." && j.Spec.CountPerPrompt == 6);
        foreach (var job in jobs) await FinishAsync(Host, job, job == failing ? RunStatus.Failed : RunStatus.Succeeded);
        var failed = await run.GetAsync();
        Assert.Equal(ExportRunStatus.Failed, failed.Status);
        Assert.Equal([ExportLabelStatus.Succeeded, ExportLabelStatus.Failed], failed.Labels.Select(l => l.Status));
        Assert.Equal(134, failed.VideosDone);

        await run.RetryAsync();
        var afterRetry = await JobsOfAsync(Host, _team, runId);
        var retried = Assert.Single(afterRetry, j => jobs.All(old => old.Id != j.Id));
        Assert.Equal(("An endoscopy video without a polyp.", 6), (retried.Spec.Prompts[0], retried.Spec.CountPerPrompt));
        Assert.Equal(failing.Spec.Seeds, retried.Spec.Seeds); // the same videos are asked for again

        await FinishAsync(Host, retried);
        var packaging = await run.GetAsync();
        Assert.Equal(ExportRunStatus.Packaging, packaging.Status);
        var package = Assert.Single(await Host.Grains.GetGrain<ISchedulerGrain>(SchedulerGrain.Id).ListAsync(_team), i => i.Kind == WorkKinds.PackageExport);
        Assert.Equal((WorkOwnerKind.ExportRun, runId, 0), (package.Owner.Kind, package.Owner.Id, package.Gpus));

        await run.ReportPackagedAsync(new PackageExportResult(TeamBlobs.ExportZip(_team, runId), 4096, "abc", 140,
            new Dictionary<string, int> { ["polyp"] = 70, ["no polyp"] = 70 }));
        var done = await run.GetAsync();
        Assert.Equal((ExportRunStatus.Succeeded, 1.0, 140), (done.Status, done.Progress, done.Package!.Videos));
        Assert.Equal(5, (await JobsOfAsync(Host, _team, runId)).Count);
    }

    [Fact]
    public async Task Cancel_stops_the_running_jobs_and_a_finished_run_refuses_it()
    {
        var runOf = await SucceededRunAsync(Host, _team, 600);
        var specification = await SpecificationAsync(Host, _team, runOf, videosPerLabel: 10);
        var spec = await Host.Grains.GetGrain<IExportSpecificationGrain>(specification).GetAsync();
        var runId = Guid.NewGuid();
        var run = Host.Grains.GetGrain<IExportRunGrain>(runId);
        await run.StartAsync(new ExportRunRequest(_team, Guid.NewGuid(), specification, spec.Spec, ExportTrigger.Manual));

        var cancelled = await run.CancelAsync();
        Assert.Equal(ExportRunStatus.Cancelled, cancelled.Status);
        Assert.All(await JobsOfAsync(Host, _team, runId), j => Assert.Equal(RunStatus.Cancelled, j.Status));
        var error = await Assert.ThrowsAsync<IllegalTransitionException>(() => run.CancelAsync());
        Assert.Equal("The export run already cancelled; only a running run can be cancelled.", error.Message);
    }

    [Fact]
    public async Task A_run_whose_silo_restarted_finishes_from_its_reminder_without_regenerating_finished_labels()
    {
        var runOf = await SucceededRunAsync(Host, _team, 600);
        var specification = await SpecificationAsync(Host, _team, runOf, videosPerLabel: 64); // one job per label
        var spec = await Host.Grains.GetGrain<IExportSpecificationGrain>(specification).GetAsync();
        var runId = Guid.NewGuid();
        await Host.Grains.GetGrain<IExportRunGrain>(runId).StartAsync(new ExportRunRequest(_team, Guid.NewGuid(), specification, spec.Spec, ExportTrigger.Manual));
        var jobs = await JobsOfAsync(Host, _team, runId);
        await FinishAsync(Host, jobs[0]);

        await Host.DisposeAsync();
        Host = await GrainHost.StartAsync(Database); // the silo died mid-export; a new one takes over
        // The second job finishes while no one tells the run: only its reminder can notice.
        await FinishAsync(Host, jobs[1], tellRun: false);

        var run = await EventuallyAsync(() => Host.Grains.GetGrain<IExportRunGrain>(runId).GetAsync(), r => r.Status == ExportRunStatus.Packaging,
            "the run to notice its last job");
        Assert.Equal(128, run.VideosDone);
        Assert.Equal(2, (await JobsOfAsync(Host, _team, runId)).Count);
    }
}

/// <summary>Retention deletes an expired zip and the run says so.</summary>
public sealed class ExportRetentionTests : SqliteSiloTest
{
    protected override ShiftedClock Clock { get; } = new();

    [Fact]
    public async Task An_expired_zip_is_deleted_and_the_run_says_when()
    {
        var team = Guid.NewGuid();
        var runOf = await SucceededRunAsync(Host, team, 600);
        var specification = await SpecificationAsync(Host, team, runOf, videosPerLabel: 1);
        var spec = await Host.Grains.GetGrain<IExportSpecificationGrain>(specification).GetAsync();
        var runId = Guid.NewGuid();
        var run = Host.Grains.GetGrain<IExportRunGrain>(runId);
        await run.StartAsync(new ExportRunRequest(team, Guid.NewGuid(), specification, spec.Spec, ExportTrigger.Manual));
        foreach (var job in await JobsOfAsync(Host, team, runId)) await FinishAsync(Host, job);
        var zip = TeamBlobs.ExportZip(team, runId);
        await Host.Blobs.PutAsync(zip, new MemoryStream([1, 2, 3]), "application/zip");
        await run.ReportPackagedAsync(new PackageExportResult(zip, 3, "h", 2, new Dictionary<string, int>()));
        Assert.StartsWith("The zip is kept until ", (await run.GetAsync()).Package!.Note);

        await Task.Delay(1500);
        Assert.NotNull(await Host.Blobs.GetPropertiesAsync(zip)); // still within its 30 days

        Clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));
        var expired = await EventuallyAsync(() => run.GetAsync(), r => r.Package!.DeletedAt is not null, "retention to delete the zip");
        Assert.Null(await Host.Blobs.GetPropertiesAsync(zip));
        Assert.False(expired.Package!.Downloadable);
        Assert.StartsWith("The zip was deleted on ", expired.Package.Note);
    }
}
