using MedVid.Contracts;
using MedVid.Grains.Abstractions;
using MedVid.Grains.Runtime;

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;
using Orleans.Timers;

namespace MedVid.Grains.Scheduling;

[GrainType(GrainTypeNames.Scheduler)]
[CollectionAgeLimit(AlwaysActive = true)]
public sealed class SchedulerGrain(TimeProvider clock, IOptions<SchedulerOptions> options, ILogger<SchedulerGrain> log)
    : StatefulGrain<SchedulerState>, ISchedulerGrain, IRemindable
{
    /// <summary>The well-known key of the one scheduler.</summary>
    public static readonly Guid Id = new("5c4ed01e-0000-4000-8000-000000000001");

    /// <summary>The durable reminder that re-activates the scheduler (and its host checks) after its silo is lost.</summary>
    public const string KeepAliveReminder = "keep-alive";

    private SchedulerOptions Options => options.Value;

    public override async Task OnActivateAsync(CancellationToken ct)
    {
        // Host checks run on a grain timer inside the one activation (not in every silo); the reminder only makes
        // sure an activation exists somewhere in the cluster.
        this.RegisterGrainTimer(CheckHostsOnTimerAsync, new GrainTimerCreationOptions(Options.HostCheckInterval, Options.HostCheckInterval));
        await this.RegisterOrUpdateReminder(KeepAliveReminder, Options.KeepAlivePeriod, Options.KeepAlivePeriod);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        log.LogInformation("Scheduler reminder {Reminder} fired on {Silo} (due {Due:O})", reminderName, RuntimeIdentity, status.CurrentTickTime);
        return Task.CompletedTask;
    }

    private async Task CheckHostsOnTimerAsync(CancellationToken ct)
    {
        try
        {
            await RunTurnAsync(() => CheckHostsAsync(Options.HeartbeatTimeout, Options.UnacknowledgedAfter));
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Host check failed; the scheduler restarts from its stored state");
        }
    }

    public async Task<WorkItemView> EnqueueAsync(WorkItemRequest request)
    {
        var item = State.Enqueue(request, clock.GetUtcNow());
        Changed(item);
        DispatchQueued();
        await WriteStateAsync();
        return View(item);
    }

    public async Task HeartbeatAsync(HostHeartbeat heartbeat)
    {
        State.Heartbeat(heartbeat, clock.GetUtcNow());
        DispatchQueued();
        await WriteStateAsync();
    }

    public async Task CheckHostsAsync(TimeSpan heartbeatTimeout, TimeSpan unacknowledgedAfter)
    {
        var now = clock.GetUtcNow();
        var lostBefore = State.Hosts.Count(h => h.Status == HostStatus.Lost);
        foreach (var item in State.MarkLostHosts(now, heartbeatTimeout)) Changed(item);
        var expired = State.ExpirePreemptions(now, Options.PreemptionGrace);
        foreach (var (item, host, attempt) in expired)
        {
            log.LogWarning("Host {Host} did not give back work item {Id} within {Grace}; stopping attempt {Attempt}", host, item.Id, Options.PreemptionGrace, attempt);
            Send(HostQueues.Control(host), new CancelWorkItem(item.Id, attempt));
            Changed(item);
        }
        var resent = 0;
        foreach (var item in State.Items.Where(i => i.State == WorkItemState.Assigned && now - i.AssignedAt > unacknowledgedAfter))
        {
            item.AssignedAt = now; // the host never said it started: the command may be lost, send it again
            SendToHost(item);
            resent++;
        }
        var changed = DispatchQueued();
        if (changed > 0 || resent > 0 || State.Hosts.Count(h => h.Status == HostStatus.Lost) != lostBefore || expired.Count > 0)
            await WriteStateAsync();
    }

    public async Task ReportStartedAsync(WorkItemStarted started)
    {
        if (!State.Started(started)) return;
        Changed(State.Require(started.WorkItemId));
        await WriteStateAsync();
    }

    public async Task<WorkItemView?> ReportProgressAsync(WorkItemProgressed progress)
    {
        if (!State.Progressed(progress)) return null;
        var item = State.Require(progress.WorkItemId);
        Changed(item);
        await WriteStateAsync();
        return View(item);
    }

    public async Task<WorkItemView?> ReportSucceededAsync(WorkItemSucceeded succeeded)
    {
        var item = State.Succeeded(succeeded);
        if (item is null)
            return State.AlreadyRecorded(succeeded.WorkItemId, succeeded.Attempt, WorkItemState.Succeeded) is { } repeat ? View(repeat) : null;
        Changed(item);
        DispatchQueued();
        await WriteStateAsync();
        return View(item);
    }

    public async Task<WorkItemView?> ReportFailedAsync(WorkItemFailed failed)
    {
        var item = State.Failed(failed);
        if (item is null)
            return State.AlreadyRecorded(failed.WorkItemId, failed.Attempt, WorkItemState.Failed, WorkItemState.Cancelled) is { } repeat ? View(repeat) : null;
        Changed(item);
        DispatchQueued();
        await WriteStateAsync();
        return View(item);
    }

    public async Task<WorkItemView?> ReportPreemptedAsync(WorkItemPreempted preempted)
    {
        var item = State.Preempted(preempted);
        if (item is null) return null;
        log.LogInformation("Work item {Id} gave back its GPUs on {Host} at step {Step}", item.Id, preempted.HostId, preempted.Step);
        Changed(item);
        DispatchQueued();
        await WriteStateAsync();
        return View(item);
    }

    public async Task<WorkItemView> CancelAsync(Guid workItemId, Guid teamId)
    {
        RequireTeam(workItemId, teamId);
        var attempt = State.Require(workItemId).Attempt;
        var host = State.Cancel(workItemId, clock.GetUtcNow());
        if (host is not null) Send(HostQueues.Control(host), new CancelWorkItem(workItemId, attempt));
        var item = State.Require(workItemId);
        Changed(item);
        DispatchQueued();
        await WriteStateAsync();
        return View(item);
    }

    public Task<WorkItemView> GetAsync(Guid workItemId, Guid teamId) => Task.FromResult(View(RequireTeam(workItemId, teamId)));

    public Task<IReadOnlyList<WorkItemView>> ListAsync(Guid teamId)
    {
        // Refreshes wait reasons (placements and reclaims are not applied here).
        SchedulingPolicy.Place(State.Items, State.Hosts, State.TeamGpuQuotas, clock.GetUtcNow(), Options.Borrowing);
        State.Reclaim(clock.GetUtcNow(), Options.DefaultMinimumRuntime, apply: false);
        var positions = QueuePositions();
        IReadOnlyList<WorkItemView> items = State.Items.Where(i => i.TeamId == teamId).OrderByDescending(i => i.EnqueuedAt)
            .Select(i => View(i, positions)).ToList();
        return Task.FromResult(items);
    }

    public Task<IReadOnlyList<HostView>> ListHostsAsync()
    {
        IReadOnlyList<HostView> hosts = State.Hosts.OrderBy(h => h.HostId).Select(h => new HostView(
            h.HostId, h.MachineName, h.Status, h.Capacity.CpuCores, h.Capacity.CpuSlots, h.Capacity.Gpus, h.Kinds, h.LastHeartbeat,
            State.Items.Count(i => i.IsPlaced && i.HostId == h.HostId))).ToList();
        return Task.FromResult(hosts);
    }

    public Task<TeamShare> GetTeamShareAsync(Guid teamId) => Task.FromResult(TeamShare.Of(teamId, State.Items, State.TeamGpuQuotas));

    public async Task SetTeamAsync(TeamScheduling team)
    {
        State.SetTeam(team.TeamId, team.Name, team.GpuQuota, team.MinimumRuntime);
        DispatchQueued();
        await WriteStateAsync();
    }

    private WorkItem RequireTeam(Guid workItemId, Guid teamId)
    {
        var item = State.Items.FirstOrDefault(i => i.Id == workItemId);
        return item is not null && item.TeamId == teamId ? item : throw new EntityNotFoundException($"Work item {workItemId} does not exist.");
    }

    /// <summary>Places what fits, then asks hosts to give back borrowed GPUs that a team's guarantee reclaims; returns the items changed.</summary>
    private int DispatchQueued()
    {
        var now = clock.GetUtcNow();
        var placements = State.Dispatch(now, Options.Borrowing);
        foreach (var p in placements)
        {
            SendToHost(p.Item);
            Changed(p.Item);
        }
        var victims = State.Reclaim(now, Options.DefaultMinimumRuntime, apply: true);
        foreach (var victim in victims)
        {
            log.LogInformation("Preempting work item {Id} on {Host}: {Reason}", victim.Id, victim.HostId, victim.Preempting!.Reason);
            Send(HostQueues.Control(victim.HostId!), new PreemptWorkItem(victim.Id, victim.Attempt, victim.Preempting.Reason));
            Changed(victim);
        }
        return placements.Count + victims.Count;
    }

    private void SendToHost(WorkItem item) =>
        Send(HostQueues.Work(item.HostId!), new ExecuteWorkItem(item.Id, item.Attempt, item.Kind, item.TeamId, item.PayloadJson, item.GpuIndexes));

    private void Changed(WorkItem item) =>
        Publish(new WorkItemChanged(item.Id, item.TeamId, item.Kind, item.State.ToString(), item.Progress, item.Message ?? item.Error, clock.GetUtcNow()));

    // Progress reports (2/s per running item) answer with a view too; only a queued item needs the queue sorted.
    private WorkItemView View(WorkItem i) => View(i, i.State == WorkItemState.Queued ? QueuePositions() : []);

    /// <summary>Queue positions (1 = next) in the order placement uses, so the position shown is the order items start in.</summary>
    private Dictionary<Guid, int> QueuePositions() =>
        SchedulingPolicy.QueueOrder(State.Items, State.TeamGpuQuotas, clock.GetUtcNow()).Select((item, index) => (item.Id, index)).ToDictionary(p => p.Id, p => p.index + 1);

    private static WorkItemView View(WorkItem i, IReadOnlyDictionary<Guid, int> positions) =>
        new(i.Id, i.TeamId, i.Kind, i.Owner, i.Priority, i.Gpus, i.State, i.Attempt, i.HostId, i.Progress, i.Message,
            i.Metrics, positions.TryGetValue(i.Id, out var position) ? position : null, i.WaitReason, i.Error, i.ResultJson, i.EnqueuedAt, i.StartedAt,
            i.FinishedAt, i.Preemptions);
}
