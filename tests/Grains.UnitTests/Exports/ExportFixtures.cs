using System.Text.Json;
using MedVid.Grains.Exports;
using MedVid.Grains.Generation;
using MedVid.Grains.Infrastructure;
using MedVid.Grains.Runtime;
using MedVid.Grains.Training;
using MedVid.Grains.UnitTests.Training;
using Microsoft.Extensions.DependencyInjection;

namespace MedVid.Grains.UnitTests.Exports;

/// <summary>What export grain tests start from: a team's finished training run, a specification on it, and jobs that finish on request.</summary>
public static class ExportFixtures
{
    /// <summary>
    /// Stores a succeeded training run with checkpoints at <paramref name="steps"/> straight into the grains table, as
    /// its grain would after a host trained it (no host trains here).
    /// </summary>
    public static async Task<Guid> SucceededRunAsync(GrainHost host, Guid teamId, params long[] steps)
    {
        var id = Guid.NewGuid();
        var state = new TrainingRunState
        {
            Created = true, TeamId = teamId, CreatedBy = Guid.NewGuid(), Spec = TrainingRunSpecTests.Valid, Status = RunStatus.Succeeded,
            WorkItemId = Guid.NewGuid(), CreatedAt = DateTimeOffset.UtcNow, FinishedAt = DateTimeOffset.UtcNow,
            Checkpoints = [.. steps.Select(s => new CheckpointRecord(s, $"teams/{teamId:N}/training-runs/{id:N}/checkpoints/{s}", $"sha-{s}", [], DateTimeOffset.UtcNow))],
        };
        await using var db = host.Services.GetRequiredService<MedVidDbContextFactory>().Create();
        db.Grains.Add(new GrainRecord
        {
            GrainType = GrainTypeNames.TrainingRun, Key = id, StateJson = JsonSerializer.Serialize(state, EntityFrameworkGrainStorage.Json), Version = 1,
            UpdatedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
        return id;
    }

    public static ExportSpecification Spec(Guid runId, int videosPerLabel = 70, long? step = null) => ExportSpecificationTests.Valid with
    {
        Source = new ExportSource(runId, step),
        VideosPerLabel = videosPerLabel,
    };

    public static async Task<Guid> SpecificationAsync(GrainHost host, Guid teamId, Guid runId, int videosPerLabel = 70)
    {
        var id = Guid.NewGuid();
        await host.Grains.GetGrain<IExportSpecificationGrain>(id).CreateAsync(teamId, Guid.NewGuid(), Spec(runId, videosPerLabel));
        return id;
    }

    /// <summary>The generation jobs made for export run <paramref name="runId"/>.</summary>
    public static async Task<List<GenerationJobView>> JobsOfAsync(GrainHost host, Guid teamId, Guid runId)
    {
        var jobs = new List<GenerationJobView>();
        foreach (var key in await host.Directory.FindAsync<IGenerationJobGrain>("team", teamId.ToString()))
        {
            var job = await host.Grains.GetGrain<IGenerationJobGrain>(key).GetAsync();
            if (job.ExportRunId == runId) jobs.Add(job);
        }
        return jobs;
    }

    /// <summary>Finishes a job as the bus consumers do: the job records the outcome, then (unless <paramref name="tellRun"/> is false) its run is told.</summary>
    public static async Task FinishAsync(GrainHost host, GenerationJobView job, RunStatus outcome = RunStatus.Succeeded, bool tellRun = true)
    {
        await host.Grains.GetGrain<IGenerationJobGrain>(job.Id).ReportFinishedAsync(outcome, outcome == RunStatus.Succeeded ? new GenerateResult([]) : null,
            outcome == RunStatus.Succeeded ? null : "the host ran out of memory");
        if (tellRun) await host.Grains.GetGrain<IExportRunGrain>(job.ExportRunId!.Value).ReportGenerationFinishedAsync(job.Id);
    }

    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(seconds);
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}; last: {JsonSerializer.Serialize(value)}");
            await Task.Delay(100);
        }
    }
}
