namespace MedVid.Grains.UnitTests.Scheduling;

/// <summary>Builders for hosts, requests and a scheduler state with a clock that the test moves.</summary>
internal sealed class SchedulerWorld
{
    public static readonly string[] AllKinds = [WorkKinds.IngestVideo, WorkKinds.Train, WorkKinds.Generate];

    /// <summary>The minimum runtime the reclaim tests give borrowed work before it may be preempted.</summary>
    public static readonly TimeSpan MinimumRuntime = TimeSpan.FromMinutes(10);

    public DateTimeOffset Now { get; set; } = TestClock.Now;

    public SchedulerState State { get; } = new();

    public static HostHeartbeat Beat(string hostId, int gpus = 0, int cpuSlots = 0, params string[] kinds) =>
        new(hostId, $"{hostId}.local", new HostCapacity(8, cpuSlots, Enumerable.Range(0, gpus).Select(i => new GpuInfo(i, "H100", 81920)).ToList()),
            kinds.Length == 0 ? AllKinds : kinds, DateTimeOffset.UnixEpoch);

    public HostEntry Host(string hostId, int gpus = 0, int cpuSlots = 0, params string[] kinds) => State.Heartbeat(Beat(hostId, gpus, cpuSlots, kinds), Now);

    /// <summary>A GPU host whose GPUs have <paramref name="memoryMiB"/> each.</summary>
    public HostEntry HostWithMemory(string hostId, int gpus, long memoryMiB) =>
        State.Heartbeat(new HostHeartbeat(hostId, $"{hostId}.local",
            new HostCapacity(8, 0, Enumerable.Range(0, gpus).Select(i => new GpuInfo(i, "GPU", memoryMiB)).ToList()), AllKinds, DateTimeOffset.UnixEpoch), Now);

    public WorkItem Enqueue(Guid team, int gpus, string? kind = null, int priority = 0, Guid? id = null, long gpuMemoryMiB = 0)
    {
        var item = State.Enqueue(Request(team, gpus, kind, priority, id) with { GpuMemoryMiB = gpuMemoryMiB }, Now);
        Now = Now.AddSeconds(1); // first come, first served needs distinct enqueue times
        return item;
    }

    public static WorkItemRequest Request(Guid team, int gpus, string? kind = null, int priority = 0, Guid? id = null) =>
        new(id ?? Guid.NewGuid(), team, kind ?? (gpus == 0 ? WorkKinds.IngestVideo : WorkKinds.Train), "{}",
            new WorkOwner(WorkOwnerKind.TrainingRun, Guid.NewGuid()), priority, gpus);

    public IReadOnlyList<Placement> Dispatch() => State.Dispatch(Now);

    /// <summary>Hosts report <paramref name="items"/> started.</summary>
    public void Start(params WorkItem[] items)
    {
        foreach (var item in items) Assert.True(State.Started(new WorkItemStarted(item.Id, item.Attempt, item.HostId!, Now)));
    }

    /// <summary>A scheduler pass: place what fits, then reclaim for what is left (as the grain does).</summary>
    public IReadOnlyList<WorkItem> DispatchAndReclaim()
    {
        Dispatch();
        return State.Reclaim(Now, MinimumRuntime, apply: true);
    }

    public void RunToSuccess(WorkItem item) =>
        Assert.NotNull(State.Succeeded(new WorkItemSucceeded(item.Id, item.Attempt, item.HostId ?? "", "{}", Now)));
}
