using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MedVid.Contracts;
using MedVid.Grains.Abstractions;
using MedVid.Grains.Scheduling;
using MedVid.GrainsBench;
using MedVid.SchedulerBench;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;

// A GPU contention trace replayed through the real scheduler grain, policy and database, in simulated time, under three
// policies side by side: FIFO without quotas, static partitions without borrowing, and MedVid's (guarantees, fair-share
// borrowing, reclaim by preemption). Then the scheduler's decision latency with many items queued.
// Human-readable lines go to stdout; the last line is one JSON object.

var options = BenchOptions.Parse(args);
var trace = ContentionTrace.Generate(options.Jobs, options.Seed);
const int totalGpus = ContentionTrace.Hosts * ContentionTrace.GpusPerHost;
Console.WriteLine($"scheduler bench: {trace.Jobs.Count} jobs over {trace.Horizon.TotalHours:0} h, {ContentionTrace.Hosts} hosts x {ContentionTrace.GpusPerHost} GPUs, " +
                  $"{ContentionTrace.Teams} teams with quota {ContentionTrace.QuotaPerTeam}, seed {options.Seed}; demand {trace.Jobs.Sum(j => j.Gpus * j.Duration.TotalHours):0} GPU-hours " +
                  $"({trace.Jobs.Sum(j => j.Gpus * j.Duration.TotalHours) / (totalGpus * trace.Horizon.TotalHours):P0} of the pool over the horizon)");
foreach (var team in Enumerable.Range(0, ContentionTrace.Teams))
{
    var jobs = trace.Jobs.Where(j => j.Team == team).ToList();
    Console.WriteLine($"  team {ContentionTrace.TeamName(team)}: {jobs.Count} jobs, first at {(jobs[0].Arrival - trace.Start).TotalHours:0.0} h, " +
                      $"{jobs.Sum(j => j.Gpus * j.Duration.TotalHours):0} GPU-hours, longest {jobs.Max(j => j.Duration.TotalHours):0.0} h");
}

var policies = new Dictionary<string, (int Quota, bool Borrowing)>
{
    ["fifo"] = (totalGpus, true), // every team may use every GPU: one queue, first come first served
    ["partitions"] = (ContentionTrace.QuotaPerTeam, false),
    ["medvid"] = (ContentionTrace.QuotaPerTeam, true),
};
var results = new Dictionary<string, object>();
foreach (var provider in options.Providers)
{
    var byPolicy = new Dictionary<string, object>();
    foreach (var policy in options.Policies)
    {
        var (quota, borrowing) = policies.TryGetValue(policy, out var p) ? p : throw new ArgumentException($"unknown policy {policy}");
        await using var database = provider == "sqlite" ? BenchDatabase.Sqlite() : await BenchDatabase.PostgresAsync();
        var clock = new SimClock(trace.Start);
        var outbox = new CapturingOutbox();
        using var silo = await StartSiloAsync(database, clock, outbox, borrowing);
        var scheduler = silo.Services.GetRequiredService<IGrainFactory>().GetGrain<ISchedulerGrain>(SchedulerGrain.Id);
        var teams = Enumerable.Range(0, ContentionTrace.Teams).Select(_ => Guid.NewGuid()).ToArray();
        for (var t = 0; t < teams.Length; t++) await scheduler.SetTeamAsync(new TeamScheduling(teams[t], ContentionTrace.TeamName(t), quota, null));

        var wall = Stopwatch.StartNew();
        var result = await new Simulation(scheduler, outbox, clock, trace, teams)
            .RunAsync(line => Console.Error.WriteLine($"[{provider} {policy}] {line}"));
        var simulated = wall.Elapsed;
        var figures = Figures.Of(result, trace, ContentionTrace.Teams, totalGpus, ContentionTrace.QuotaPerTeam);
        var latency = await DecisionLatencyAsync(scheduler, outbox, clock, teams, options.Queued);
        Print(provider, policy, figures, latency, result.Calls, simulated);
        byPolicy[policy] = new
        {
            utilisation_while_waiting = Math.Round(figures.UtilisationWhileWaiting, 3),
            jain = Math.Round(figures.JainIndex, 3),
            wait_minutes = figures.WaitMinutes.ToDictionary(w => w.Key, w => new { p50 = Math.Round(w.Value.P50, 1), p95 = Math.Round(w.Value.P95, 1) }),
            regain_minutes = new { p50 = Math.Round(figures.RegainP50, 1), p95 = Math.Round(figures.RegainP95, 1), max = Math.Round(figures.RegainMax, 1), count = figures.Regains },
            preemptions = figures.Preemptions,
            most_preemptions_of_one_job = figures.MostPreemptionsOfOneJob,
            lost_gpu_minutes = Math.Round(figures.LostGpuMinutes, 1),
            makespan_hours = Math.Round(figures.MakespanHours, 1),
            decision_ms = new { queued = latency.Queued, p50 = Math.Round(latency.P50, 2), p95 = Math.Round(latency.P95, 2) },
            grain_calls = result.Calls,
            wall_seconds = Math.Round(simulated.TotalSeconds, 1),
        };
        await silo.StopAsync();
    }
    results[provider] = byPolicy;
}
results["config"] = new { jobs = trace.Jobs.Count, seed = options.Seed, hosts = ContentionTrace.Hosts, gpus_per_host = ContentionTrace.GpusPerHost, teams = ContentionTrace.Teams, quota = ContentionTrace.QuotaPerTeam, queued = options.Queued };
Console.WriteLine(JsonSerializer.Serialize(results));
return 0;

static void Print(string provider, string policy, Figures f, Latency latency, int calls, TimeSpan wall)
{
    var waits = string.Join(", ", f.WaitMinutes.Select(w => $"{w.Key} {w.Value.P50:0}/{w.Value.P95:0}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"[{provider}] {policy,-10} utilisation while waiting {f.UtilisationWhileWaiting:0.000}, Jain {f.JainIndex:0.000}, wait p50/p95 min {waits}; " +
        $"guarantee regained p50 {f.RegainP50:0.0} / p95 {f.RegainP95:0.0} / max {f.RegainMax:0.0} min ({f.Regains}); preemptions {f.Preemptions} " +
        $"(most of one job {f.MostPreemptionsOfOneJob}), lost {f.LostGpuMinutes:0} GPU-min; makespan {f.MakespanHours:0.0} h; " +
        $"decision p50 {latency.P50:0.0} / p95 {latency.P95:0.0} ms at {latency.Queued} queued; {calls} grain calls in {wall.TotalSeconds:0} s"));
}

// Fills every GPU, queues `queued` more items, then times enqueues and heartbeats: each runs placement, reclaim
// planning and the state write with that queue.
static async Task<Latency> DecisionLatencyAsync(ISchedulerGrain scheduler, CapturingOutbox outbox, SimClock clock, Guid[] teams, int queued)
{
    for (var i = 0; i < totalGpus + queued; i++)
        await scheduler.EnqueueAsync(Request(teams[i % teams.Length]));
    outbox.Clear();
    var times = new List<double>();
    for (var i = 0; i < 100; i++)
    {
        var watch = Stopwatch.StartNew();
        if (i % 2 == 0) await scheduler.EnqueueAsync(Request(teams[i % teams.Length]));
        else await scheduler.HeartbeatAsync(Simulation.Beat(i % ContentionTrace.Hosts, clock.Now));
        times.Add(watch.Elapsed.TotalMilliseconds);
    }
    outbox.Clear();
    var sorted = times.Order().ToArray();
    return new Latency(queued, sorted[sorted.Length / 2], sorted[(int)(sorted.Length * 0.95)]);

    static WorkItemRequest Request(Guid team)
    {
        var id = Guid.NewGuid();
        return new WorkItemRequest(id, team, WorkKinds.Train, "{}", new WorkOwner(WorkOwnerKind.TrainingRun, id), 0, 1);
    }
}

static Task<IHost> StartSiloAsync(BenchDatabase database, SimClock clock, CapturingOutbox outbox, bool borrowing) =>
    BenchSilo.StartAsync(database, "medvid-scheduler-bench", builder =>
    {
        builder.Logging.AddFilter("Orleans", LogLevel.Error); // its health monitor complains about simulated time jumping ahead
        builder.Services.AddSingleton<IMessageOutbox>(outbox);
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.Configure<SchedulerOptions>(o =>
        {
            o.Borrowing = borrowing;
            // Simulated hosts never fall silent; the grain's own timer should not act between simulated events.
            o.HeartbeatTimeout = o.UnacknowledgedAfter = TimeSpan.FromDays(3650);
            o.HostCheckInterval = TimeSpan.FromHours(1);
        });
    });

internal sealed record Latency(int Queued, double P50, double P95);

internal sealed record BenchOptions(int Jobs, int Seed, string[] Providers, string[] Policies, int Queued)
{
    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions(1000, 7, ["sqlite", "postgres"], ["fifo", "partitions", "medvid"], 1000);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            o = args[i] switch
            {
                "--jobs" => o with { Jobs = Positive(value, "--jobs") },
                "--seed" => o with { Seed = int.Parse(value, CultureInfo.InvariantCulture) },
                "--providers" => o with { Providers = value.Split(',', StringSplitOptions.RemoveEmptyEntries) },
                "--policies" => o with { Policies = value.Split(',', StringSplitOptions.RemoveEmptyEntries) },
                "--queued" => o with { Queued = Positive(value, "--queued") },
                _ => throw new ArgumentException($"unknown option {args[i]} (--jobs, --seed, --providers sqlite,postgres, --policies fifo,partitions,medvid, --queued)"),
            };
            i++;
        }
        return o;
    }

    private static int Positive(string value, string name) =>
        int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{name} must be a positive whole number");
}
