using MedVid.Distributed.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MedVid.Distributed.Tests;

/// <summary>
/// A compute host dies (SIGKILL) in the middle of a training run: the run resumes on another host from the newest
/// checkpoint the first one stored, so the work lost is at most one checkpoint interval, and it finishes its steps.
/// </summary>
public sealed class TrainingHostLossTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int CheckpointEvery = 40;
    private const long TotalSteps = 800;

    private Cluster _cluster = null!;

    public async Task InitializeAsync() =>
        _cluster = await Cluster.CreateAsync(nameof(TrainingHostLossTests), new Dictionary<string, string>
        {
            ["ControlPlane__HeartbeatTimeout"] = "00:00:06",
            ["ControlPlane__HostCheckInterval"] = "00:00:01",
        });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public Task A_run_whose_host_is_killed_resumes_on_another_host_from_its_newest_checkpoint() => _cluster.RunAsync(async () =>
    {
        var silos = await _cluster.StartSilosAsync("silo-a", "silo-b");
        var (siloA, siloB) = (silos[0], silos[1]);
        var hostA = _cluster.StartHost("host-a", "host-a", cpuSlots: 2, simulatedGpus: 1);
        await HostLossTests.WaitForHostAsync(siloA, "host-a", "Online", TimeSpan.FromSeconds(60));
        var dataset = await PhantomDatasets.CuratedAsync(siloA, "training-host-loss");

        var run = await siloA.PostJsonAsync("/api/v1/training-runs", PhantomDatasets.TinyRun(dataset, TotalSteps, CheckpointEvery));
        var runUrl = $"/api/v1/training-runs/{run.Str("id")}";
        var workItemId = Guid.Parse(run.Str("workItemId"));
        var checkpointFolder = $"teams/{run.Str("teamId").Replace("-", "")}/training-runs/{run.Str("id").Replace("-", "")}/checkpoints/";

        // Kill host-a once it has stored a checkpoint and trained past it.
        using var store = _cluster.OpenContainer();
        var (storedAtKill, reportedAtKill) = await Eventually.WaitForAsync("host-a to store a checkpoint and train past it", TimeSpan.FromMinutes(4), async () =>
        {
            var view = await siloB.GetJsonAsync(runUrl);
            if (view.Str("status") is "Succeeded" or "Failed")
                throw new InvalidOperationException($"The run ended ({view.Str("status")} {view.Str("error")}) before host-a could be killed; give it more steps.");
            var stored = await NewestCompleteCheckpointAsync(store, checkpointFolder);
            var step = view.Str("stage") == "diffusion" ? (long)view.Num("step") : 0;
            return (stored is { } s && step >= s + 10, (stored ?? 0, step), $"stage {view.Str("stage")} step {step}, newest stored checkpoint {stored?.ToString() ?? "none"}");
        }, TimeSpan.FromMilliseconds(200));
        hostA.Kill();
        var afterKill = await siloA.GetJsonAsync(runUrl);
        Assert.True(afterKill.Str("status") is not ("Succeeded" or "Failed" or "Cancelled"), $"the run ended before host-a was killed: {afterKill}");

        _cluster.StartHost("host-b", "host-b", cpuSlots: 2, simulatedGpus: 1);
        var done = await PhantomDatasets.WaitRunFinishedAsync(siloB, runUrl, workItemId);
        Assert.True(done.Str("status") == "Succeeded", $"the run ended {done.Str("status")}: {done.Str("error")}");
        Assert.Equal(TotalSteps, (long)done.Num("step"));
        var finishedItem = await siloA.GetWorkItemAsync(workItemId);
        Assert.True(finishedItem.Str("hostId") == "host-b" && finishedItem.Int("attempt") == 2, $"expected attempt 2 on host-b: {finishedItem.DescribeWorkItem()}");

        // The second attempt says which checkpoint it continued from: the newest one host-a stored, or one stored later.
        var history = (await siloA.GetJsonAsync($"{runUrl}/metrics")).EnumerateArray().Select(p => p.GetProperty("values")).ToList();
        var resumed = history.First(v => v.TryGetProperty("resumed_from_step", out _));
        var resumedFrom = (long)resumed.Num("resumed_from_step");
        output.WriteLine($"host-a killed at reported step {reportedAtKill} with step {storedAtKill} stored; host-b resumed from step {resumedFrom}: {reportedAtKill - resumedFrom} steps lost (interval {CheckpointEvery})");
        Assert.True(resumedFrom >= storedAtKill, $"resumed from step {resumedFrom}, but step {storedAtKill} was stored when host-a died");
        Assert.True(reportedAtKill - resumedFrom <= CheckpointEvery,
            $"lost {reportedAtKill - resumedFrom} steps (reported {reportedAtKill} at the kill, resumed from {resumedFrom}); at most one checkpoint interval ({CheckpointEvery}) may be lost");
        Assert.True(resumed.Num("step") > resumedFrom, $"the first report after the resume is step {resumed.Num("step")}");
        Assert.Equal(0, resumed.Num("stage_vae"));
    });

    /// <summary>The newest checkpoint under <paramref name="folder"/> whose trainer state (uploaded last) is there.</summary>
    private static async Task<long?> NewestCompleteCheckpointAsync(MedVid.Storage.IBlobStore store, string folder)
    {
        long? newest = null;
        await foreach (var blob in store.ListAsync(folder))
        {
            var rest = blob.Path[folder.Length..].Split('/');
            if (rest is [var step, "trainer.json"] && long.TryParse(step, out var value)) newest = Math.Max(newest ?? 0, value);
        }
        return newest;
    }
}
