using MedVid.Contracts;
using MedVid.Grains.Scheduling;

namespace MedVid.SchedulerBench;

/// <summary>
/// The GPUs each team holds and waits for from one instant of simulated time to the next, and the size of each team's
/// smallest waiting job (0 when none waits).
/// </summary>
internal sealed record Sample(DateTimeOffset At, int[] Running, int[] Waiting, int[] SmallestWaiting);

/// <summary>What became of one job: when it first started and finished, and how often it was preempted.</summary>
internal sealed record JobOutcome(TraceJob Job, DateTimeOffset? FirstStart, DateTimeOffset? Finished, int Preemptions);

internal sealed record SimulationResult(IReadOnlyList<Sample> Samples, IReadOnlyList<JobOutcome> Jobs, double LostGpuMinutes, int Calls);

/// <summary>
/// Replays a trace through the real scheduler grain. Simulated hosts act on what the scheduler sends them as real hosts
/// would: they report a start at once, success when the job's remaining time has run, and, on a preemption notice, write
/// a checkpoint (<see cref="CheckpointTime"/> of GPU time, lost) and give the GPUs back; a resumed job pays
/// <see cref="RestartTime"/> (loading its checkpoint, also lost) before it trains on. Time only moves from event to event.
/// </summary>
internal sealed class Simulation(ISchedulerGrain scheduler, CapturingOutbox outbox, SimClock clock, ContentionTrace trace, Guid[] teams)
{
    public static readonly TimeSpan CheckpointTime = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan RestartTime = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan TickEvery = TimeSpan.FromMinutes(2);

    private readonly PriorityQueue<Func<Task>, (DateTimeOffset, long)> _events = new();
    private readonly Dictionary<Guid, SimJob> _jobs = [];
    private readonly List<Sample> _samples = [];
    private long _sequence;
    private double _lostGpuMinutes;
    private int _calls;

    private sealed class SimJob(TraceJob job)
    {
        public TraceJob Job { get; } = job;
        public TimeSpan Remaining { get; set; } = job.Duration;
        public bool Arrived { get; set; }
        public bool Done { get; set; }
        public int? RunningAttempt { get; set; }
        public string Host { get; set; } = "";
        public DateTimeOffset AttemptStart { get; set; }
        public TimeSpan Overhead { get; set; }
        public DateTimeOffset NoticeAt { get; set; }
        public DateTimeOffset? FirstStart { get; set; }
        public DateTimeOffset? Finished { get; set; }
        public int Preemptions { get; set; }
    }

    public static HostHeartbeat Beat(int host, DateTimeOffset at) =>
        new($"sim-{host}", $"sim-{host}", new HostCapacity(32, 0,
            Enumerable.Range(0, ContentionTrace.GpusPerHost).Select(i => new GpuInfo(i, "simulated H100", 81920)).ToList()), [WorkKinds.Train], at);

    public async Task<SimulationResult> RunAsync(Action<string>? progress = null)
    {
        for (var host = 0; host < ContentionTrace.Hosts; host++) await Call(() => scheduler.HeartbeatAsync(Beat(host, clock.Now)));
        foreach (var job in trace.Jobs)
        {
            var id = Guid.NewGuid();
            var state = new SimJob(job);
            _jobs[id] = state;
            At(job.Arrival, () =>
            {
                state.Arrived = true;
                return Call(() => scheduler.EnqueueAsync(new WorkItemRequest(id, teams[job.Team], WorkKinds.Train, "{}",
                    new WorkOwner(WorkOwnerKind.TrainingRun, id), 0, job.Gpus)));
            });
        }
        At(trace.Start + TickEvery, TickAsync);
        var reported = trace.Start;
        while (_events.TryDequeue(out var action, out var key))
        {
            clock.Set(key.Item1);
            await action();
            await DrainAsync();
            Record();
            if (clock.Now - reported >= TimeSpan.FromHours(6))
            {
                reported = clock.Now;
                progress?.Invoke($"simulated {(clock.Now - trace.Start).TotalHours:0} h, {_jobs.Values.Count(j => j.Done)} of {_jobs.Count} jobs done");
            }
        }
        var outcomes = _jobs.Values.Select(j => new JobOutcome(j.Job, j.FirstStart, j.Finished, j.Preemptions)).ToList();
        return new SimulationResult(_samples, outcomes, _lostGpuMinutes, _calls);
    }

    /// <summary>While work waits, the scheduler is asked to decide again every two minutes (as its host checks do).</summary>
    private async Task TickAsync()
    {
        if (_jobs.Values.All(j => j.Done)) return;
        if (_jobs.Values.Any(j => j.Arrived && !j.Done && j.RunningAttempt is null)) await Call(() => scheduler.HeartbeatAsync(Beat(0, clock.Now)));
        At(clock.Now + TickEvery, TickAsync);
    }

    private async Task DrainAsync()
    {
        while (outbox.TryTake(out var sent))
        {
            var host = sent.Queue.StartsWith("host-", StringComparison.Ordinal) ? sent.Queue["host-".Length..].Replace("-control", "") : sent.Queue;
            switch (sent.Message)
            {
                case ExecuteWorkItem execute:
                    await StartAsync(_jobs[execute.WorkItemId], execute, host);
                    break;
                case PreemptWorkItem preempt when _jobs[preempt.WorkItemId].RunningAttempt == preempt.Attempt:
                    var job = _jobs[preempt.WorkItemId];
                    job.NoticeAt = clock.Now;
                    At(clock.Now + CheckpointTime, () => ReleaseAsync(preempt.WorkItemId, job, preempt.Attempt));
                    break;
                case CancelWorkItem cancel when _jobs.TryGetValue(cancel.WorkItemId, out var stopped) && stopped.RunningAttempt == cancel.Attempt:
                    _lostGpuMinutes += (clock.Now - stopped.AttemptStart).TotalMinutes * stopped.Job.Gpus; // a forced stop loses the attempt
                    stopped.RunningAttempt = null;
                    break;
            }
        }
    }

    private async Task StartAsync(SimJob job, ExecuteWorkItem execute, string host)
    {
        await Call(() => scheduler.ReportStartedAsync(new WorkItemStarted(execute.WorkItemId, execute.Attempt, host, clock.Now)));
        job.RunningAttempt = execute.Attempt;
        job.Host = host;
        job.AttemptStart = clock.Now;
        job.Overhead = job.Preemptions > 0 ? RestartTime : TimeSpan.Zero;
        job.FirstStart ??= clock.Now;
        var attempt = execute.Attempt;
        At(clock.Now + job.Overhead + job.Remaining, async () =>
        {
            if (job.RunningAttempt != attempt) return;
            await Call(() => scheduler.ReportSucceededAsync(new WorkItemSucceeded(execute.WorkItemId, attempt, host, "{}", clock.Now)));
            job.RunningAttempt = null;
            job.Done = true;
            job.Finished = clock.Now;
        });
    }

    private async Task ReleaseAsync(Guid id, SimJob job, int attempt)
    {
        if (job.RunningAttempt != attempt) return; // it finished while writing its checkpoint
        var trained = job.NoticeAt - job.AttemptStart - job.Overhead;
        if (trained > TimeSpan.Zero) job.Remaining -= trained;
        _lostGpuMinutes += (CheckpointTime + RestartTime).TotalMinutes * job.Job.Gpus;
        job.Preemptions++;
        job.RunningAttempt = null;
        await Call(() => scheduler.ReportPreemptedAsync(new WorkItemPreempted(id, attempt, job.Host, clock.Now, null, "simulated checkpoint")));
    }

    private void Record()
    {
        var running = new int[teams.Length];
        var waiting = new int[teams.Length];
        var smallest = new int[teams.Length];
        foreach (var job in _jobs.Values.Where(j => j.Arrived && !j.Done))
        {
            var team = job.Job.Team;
            if (job.RunningAttempt is not null) running[team] += job.Job.Gpus;
            else
            {
                waiting[team] += job.Job.Gpus;
                smallest[team] = smallest[team] == 0 ? job.Job.Gpus : Math.Min(smallest[team], job.Job.Gpus);
            }
        }
        _samples.Add(new Sample(clock.Now, running, waiting, smallest));
    }

    private void At(DateTimeOffset at, Func<Task> action) => _events.Enqueue(action, (at, _sequence++));

    private async Task Call(Func<Task> call)
    {
        _calls++;
        await call();
    }
}
