using MedVid.Contracts.Training;
using MedVid.Grains.Datasets;
using MedVid.Grains.Teams;
using MedVid.Grains.Training;

namespace MedVid.Grains.UnitTests.Runtime;

/// <summary>The grains on an Orleans silo in this process, with their state in a real SQLite file.</summary>
public sealed class GrainRuntimeTests : SqliteSiloTest
{
    private async Task<IDatasetGrain> NewDatasetAsync(Guid? team = null)
    {
        var dataset = Host.Grains.GetGrain<IDatasetGrain>(Guid.NewGuid());
        await dataset.CreateAsync(team ?? Guid.NewGuid(), "echo", null, Guid.NewGuid());
        return dataset;
    }

    [Fact]
    public async Task State_survives_a_restart()
    {
        var teamId = Guid.NewGuid();
        var datasetId = Guid.NewGuid();
        var admin = Guid.NewGuid();
        await Host.Grains.GetGrain<ITeamGrain>(teamId).CreateAsync("Cardiology", 2, admin, "alice");
        var dataset = Host.Grains.GetGrain<IDatasetGrain>(datasetId);
        await dataset.CreateAsync(teamId, "echo", "apical", admin);
        await dataset.AddLabelAsync("a4c");
        await dataset.AddVersionAsync("m1.jsonl", null, 5, "curation", null);
        await Host.DisposeAsync();

        Host = await GrainHost.StartAsync(Database); // a new silo on the same file
        var view = await Host.Grains.GetGrain<IDatasetGrain>(datasetId).GetAsync();
        Assert.Equal((teamId, "echo", "apical"), (view.TeamId, view.Name, view.Description));
        Assert.Equal(["a4c"], view.Labels);
        Assert.Equal(5, (await Host.Grains.GetGrain<IDatasetGrain>(datasetId).GetVersionAsync(1)).ClipCount);
        Assert.Equal(TeamRole.Admin, await Host.Grains.GetGrain<ITeamGrain>(teamId).GetRoleAsync(admin));
        var quotas = await Host.Grains.GetGrain<ISchedulerGrain>(SchedulerGrain.Id).ListHostsAsync(); // the scheduler loads too
        Assert.Empty(quotas);
    }

    [Fact]
    public async Task Two_hundred_concurrent_writes_to_one_grain_all_persist()
    {
        var dataset = await NewDatasetAsync();
        var labels = Enumerable.Range(0, 200).Select(i => $"label-{i}").ToList();
        var added = await Task.WhenAll(labels.Select(l => Task.Run(() => dataset.AddLabelAsync(l))));
        Assert.All(added, Assert.True);
        Assert.Equal(labels.Order(), (await dataset.GetAsync()).Labels.Order());
    }

    [Fact]
    public async Task A_turn_that_awaits_midway_never_interleaves_with_another_turn_of_the_same_grain()
    {
        var probe = Host.Grains.GetGrain<IProbeGrain>(Guid.NewGuid());
        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => probe.IncrementAsync(i % 3))));
        Assert.Equal(40, await probe.GetAsync());
        Assert.Equal(Enumerable.Range(1, 40), results.Order()); // each turn saw the previous turn's write
        Assert.Equal(1, Host.Probe.MaxOverlap);
    }

    [Fact]
    public async Task Turns_of_different_grains_run_in_parallel()
    {
        var probes = Enumerable.Range(0, 8).Select(_ => Host.Grains.GetGrain<IProbeGrain>(Guid.NewGuid())).ToList();
        await Task.WhenAll(probes.Select(p => p.IncrementAsync(200)));
        Assert.True(Host.Probe.MaxConcurrentTurns > 1, $"at most {Host.Probe.MaxConcurrentTurns} turn(s) ran at once");
        Assert.Equal(1, Host.Probe.MaxOverlap);
    }

    [Fact]
    public async Task Messages_are_delivered_after_the_turn_and_a_failed_turn_delivers_nothing()
    {
        var probe = Host.Grains.GetGrain<IProbeGrain>(Guid.NewGuid());
        await probe.IncrementAndPublishAsync("one");
        var e = await Assert.ThrowsAsync<IllegalTransitionException>(probe.FailAfterPublishAsync);
        Assert.Equal("probe refuses", e.Message);
        Assert.Equal([new ProbeEvent("one")], Host.Outbox.Published<ProbeEvent>());
        Assert.Equal([("probe", new ProbeEvent("one"))], Host.Outbox.Sent<ProbeEvent>());
    }

    [Fact]
    public async Task Grain_errors_reach_the_caller_with_their_type_and_change_nothing()
    {
        var missing = Host.Grains.GetGrain<IDatasetGrain>(Guid.NewGuid());
        Assert.Equal("The dataset does not exist.", (await Assert.ThrowsAsync<EntityNotFoundException>(missing.GetAsync)).Message);
        var dataset = await NewDatasetAsync();
        Assert.Equal("Dataset 'echo' has no version 2.", (await Assert.ThrowsAsync<EntityNotFoundException>(() => dataset.GetVersionAsync(2))).Message);
        await Assert.ThrowsAsync<InvalidGrainArgumentException>(() => dataset.AddLabelAsync(" "));
        Assert.Empty((await dataset.GetAsync()).Labels);
    }

    [Fact]
    public async Task An_all_zero_id_is_an_unknown_grain_like_any_other()
    {
        var e = await Assert.ThrowsAsync<EntityNotFoundException>(Host.Grains.GetGrain<IDatasetGrain>(Guid.Empty).GetAsync);
        Assert.Equal("The dataset does not exist.", e.Message);
        Assert.Null(await Host.Grains.GetGrain<ITeamGrain>(Guid.Empty).GetRoleAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task A_call_that_fails_midway_leaves_the_stored_state_and_the_next_call_sees_it()
    {
        var probe = Host.Grains.GetGrain<IProbeGrain>(Guid.NewGuid());
        await probe.IncrementAsync(0);
        await Assert.ThrowsAsync<IllegalTransitionException>(probe.FailAfterChangingStateAsync);
        Assert.Equal(1, await probe.GetAsync()); // the unwritten change of the failed call is gone
        Assert.Equal(2, Host.Probe.Activations); // because the failed activation was dropped and the state reloaded
    }

    [Fact]
    public async Task The_directory_finds_datasets_by_team()
    {
        var teamA = Guid.NewGuid();
        var a1 = Guid.NewGuid();
        var a2 = Guid.NewGuid();
        await Host.Grains.GetGrain<IDatasetGrain>(a1).CreateAsync(teamA, "a1", null, Guid.NewGuid());
        await Host.Grains.GetGrain<IDatasetGrain>(a2).CreateAsync(teamA, "a2", null, Guid.NewGuid());
        await NewDatasetAsync(Guid.NewGuid());
        await Host.Grains.GetGrain<IDatasetGrain>(a1).AddLabelAsync("no index change"); // must not duplicate entries

        var found = await Host.Directory.FindAsync<IDatasetGrain>("team", teamA.ToString());
        Assert.Equal(new[] { a1, a2 }.Order(), found.Order());
        Assert.Empty(await Host.Directory.FindAsync<IDatasetGrain>("team", Guid.NewGuid().ToString()));
        Assert.Empty(await Host.Directory.FindAsync<ITeamGrain>("team", teamA.ToString())); // other grain types are separate
    }

    [Fact]
    public async Task The_directory_finds_teams_by_member_and_follows_membership_changes()
    {
        var alice = Guid.NewGuid();
        var bob = Guid.NewGuid();
        var cardiology = Guid.NewGuid();
        var radiology = Guid.NewGuid();
        await Host.Grains.GetGrain<ITeamGrain>(cardiology).CreateAsync("Cardiology", 1, alice, "alice");
        await Host.Grains.GetGrain<ITeamGrain>(radiology).CreateAsync("Radiology", 1, bob, "bob");
        await Host.Grains.GetGrain<ITeamGrain>(radiology).SetMemberAsync(alice, "alice", TeamRole.Rater);

        Assert.Equal(new[] { cardiology, radiology }.Order(), (await Host.Directory.FindAsync<ITeamGrain>("member", alice.ToString())).Order());
        Assert.Equal([radiology], await Host.Directory.FindAsync<ITeamGrain>("member", bob.ToString()));

        await Host.Grains.GetGrain<ITeamGrain>(radiology).RemoveMemberAsync(alice);
        Assert.Equal([cardiology], await Host.Directory.FindAsync<ITeamGrain>("member", alice.ToString()));
    }

    [Fact]
    public async Task Team_rules_hold_through_the_grain()
    {
        var alice = Guid.NewGuid();
        var team = Host.Grains.GetGrain<ITeamGrain>(Guid.NewGuid());
        Assert.Null(await team.GetRoleAsync(alice));
        await team.CreateAsync("Cardiology", 3, alice, "alice");
        var e = await Assert.ThrowsAsync<IllegalTransitionException>(() => team.RemoveMemberAsync(alice));
        Assert.Equal("A team must keep at least one admin.", e.Message);
        Assert.Equal(TeamRole.Admin, await team.GetRoleAsync(alice));
        await Assert.ThrowsAsync<IllegalTransitionException>(() => team.CreateAsync("Again", 1, alice, "alice"));
    }

    [Fact]
    public async Task Adding_a_video_queues_its_ingest_once_and_the_scheduler_announces_it()
    {
        var dataset = await NewDatasetAsync();
        var videoId = Guid.NewGuid();
        var video = await dataset.AddVideoAsync(videoId, "a.mp4", 1234, "datasets/d/videos/v/original.mp4", new Dictionary<string, string>());
        Assert.Equal(SourceVideoStatus.Ingesting, video.Status);
        Assert.NotNull(video.IngestWorkItemId);
        await Assert.ThrowsAsync<IllegalTransitionException>(() => dataset.AddVideoAsync(videoId, "a.mp4", 1234, "datasets/d/videos/v/original.mp4", new Dictionary<string, string>()));

        var view = await dataset.GetAsync();
        var item = await Host.Grains.GetGrain<ISchedulerGrain>(SchedulerGrain.Id).GetAsync(video.IngestWorkItemId!.Value, view.TeamId);
        Assert.Equal((WorkKinds.IngestVideo, WorkItemState.Queued, 1), (item.Kind, item.State, item.QueuePosition));
        Assert.Equal("no online host runs 'ingest-video' work", item.WaitReason);
        Assert.Equal([item.Id], Host.Outbox.Published<WorkItemChanged>().Select(m => m.WorkItemId));

        // A host heartbeats: the item is placed and the command goes to that host's queue, after the turn.
        await Host.Grains.GetGrain<ISchedulerGrain>(SchedulerGrain.Id).HeartbeatAsync(
            new HostHeartbeat("h1", "h1.local", new HostCapacity(8, 2, []), [WorkKinds.IngestVideo], DateTimeOffset.UtcNow));
        var (queue, command) = Assert.Single(Host.Outbox.Sent<ExecuteWorkItem>());
        Assert.Equal((HostQueues.Work("h1"), item.Id, 1), (queue, command.WorkItemId, command.Attempt));
        await Assert.ThrowsAsync<EntityNotFoundException>(() =>
            Host.Grains.GetGrain<ISchedulerGrain>(SchedulerGrain.Id).GetAsync(item.Id, Guid.NewGuid())); // other teams do not see it
    }

    [Fact]
    public async Task A_training_run_needs_an_existing_version_of_its_own_teams_dataset()
    {
        var team = Guid.NewGuid();
        var dataset = await NewDatasetAsync(team);
        var datasetId = (await dataset.GetAsync()).Id;
        var spec = new TrainingRunSpec(datasetId, 1, "standard", "tiny", 100, 1, null);
        var run = Host.Grains.GetGrain<ITrainingRunGrain>(Guid.NewGuid());
        Assert.Equal("Dataset 'echo' has no version 1.", (await Assert.ThrowsAsync<EntityNotFoundException>(() => run.StartAsync(team, Guid.NewGuid(), spec))).Message);
        await dataset.AddVersionAsync("m1.jsonl", null, 10, "curation", null);
        await Assert.ThrowsAsync<EntityNotFoundException>(() => run.StartAsync(Guid.NewGuid(), Guid.NewGuid(), spec)); // another team's dataset
        await Assert.ThrowsAsync<EntityNotFoundException>(run.GetAsync);

        var started = await run.StartAsync(team, Guid.NewGuid(), spec);
        Assert.Equal(RunStatus.Queued, started.Status);
        await run.ReportProgressAsync(new TrainingProgress(TrainingStages.Diffusion, 10, null, new Dictionary<string, double>()));
        await run.ReportFinishedAsync(RunStatus.Succeeded, null);
        var e = await Assert.ThrowsAsync<IllegalTransitionException>(run.CancelAsync);
        Assert.Equal("The training run is succeeded; it cannot become cancelled.", e.Message);
        await run.ReportProgressAsync(new TrainingProgress(TrainingStages.Diffusion, 20, null, new Dictionary<string, double>())); // a late progress message is dropped
        var view = await run.GetAsync();
        Assert.Equal((RunStatus.Succeeded, 100L, 10.0), (view.Status, view.Step, view.Metrics["step"])); // succeeded: every step done
    }
}
