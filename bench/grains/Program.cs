using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MedVid.Grains.Abstractions;
using MedVid.Grains.Teams;
using MedVid.GrainsBench;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;

// Grain calls per second through an Orleans silo in this process, with grain state in SQLite or PostgreSQL.
// Write call: ITeamGrain.SetMemberAsync flipping one member's role (one conditional UPDATE per call, constant state
// size, no index change). Read call: ITeamGrain.GetAsync (served from the activation: no database round trip).
// Hot: every caller on one team. Spread: every caller on a random one of --ids teams.
// Human-readable lines go to stdout; the last line is one JSON object.

var options = BenchOptions.Parse(args);
Console.WriteLine($"grains bench: {options.Callers} concurrent callers, {options.Ids} ids for spread, warm-up {options.Warmup.TotalSeconds:0.#} s, " +
                  $"{options.Duration.TotalSeconds:0.#} s per case, {Environment.ProcessorCount} cores");

var results = new Dictionary<string, object>();
foreach (var provider in options.Providers)
{
    await using var database = provider == "sqlite" ? BenchDatabase.Sqlite() : await BenchDatabase.PostgresAsync();
    Console.WriteLine($"[{provider}] database {database.Where}");
    using var silo = await BenchSilo.StartAsync(database, "medvid-bench", b => b.Services.AddSingleton<IMessageOutbox, DiscardingOutbox>());
    var grains = silo.Services.GetRequiredService<IGrainFactory>();

    var seed = Stopwatch.StartNew();
    var ids = Enumerable.Range(0, options.Ids).Select(_ => Guid.NewGuid()).ToArray();
    var member = Guid.NewGuid();
    // SQLite has one writer: concurrent seeding would only measure its busy-retry sleeps (see the doc), so seed serially.
    await ForEachConcurrentlyAsync(ids, provider == "sqlite" ? 1 : 8, async id =>
    {
        var team = grains.GetGrain<ITeamGrain>(id);
        await team.CreateAsync($"team {id:N}", 1, Guid.NewGuid(), "admin");
        await team.SetMemberAsync(member, "bench", TeamRole.Rater);
    });
    Console.WriteLine($"[{provider}] seeded {ids.Length} teams in {seed.Elapsed.TotalSeconds:0.0} s");

    var hot = ids[0];
    var flips = 0L;
    Task Write(Guid id) => grains.GetGrain<ITeamGrain>(id)
        .SetMemberAsync(member, "bench", Interlocked.Increment(ref flips) % 2 == 0 ? TeamRole.Rater : TeamRole.Researcher);
    Task Read(Guid id) => grains.GetGrain<ITeamGrain>(id).GetAsync();
    Guid Spread() => ids[Random.Shared.Next(ids.Length)];

    var figures = new Dictionary<string, double>();
    foreach (var (name, call) in new (string, Func<Task>)[]
             {
                 ("hot_write", () => Write(hot)),
                 ("hot_read", () => Read(hot)),
                 ("spread_write", () => Write(Spread())),
                 ("spread_read", () => Read(Spread())),
             })
    {
        await MeasureAsync(call, options.Callers, options.Warmup); // warm-up: JIT, connection pool, page cache
        var m = await MeasureAsync(call, options.Callers, options.Duration);
        figures[$"{name}_per_s"] = Math.Round(m.PerSecond, 1);
        figures[$"{name}_p50_ms"] = Math.Round(m.P50Ms, 2);
        figures[$"{name}_p99_ms"] = Math.Round(m.P99Ms, 2);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[{provider}] {name,-12} {m.PerSecond,9:0.0} calls/s   ({m.Calls} calls in {m.Seconds:0.00} s; latency p50 {m.P50Ms:0.00} ms, p99 {m.P99Ms:0.00} ms; {m.Errors} errors)"));
        if (m.Errors > 0) throw new InvalidOperationException($"{provider} {name}: {m.Errors} calls failed, first: {m.FirstError}");
    }
    results[provider] = figures;
    await silo.StopAsync();
}
results["config"] = new { callers = options.Callers, ids = options.Ids, seconds_per_case = options.Duration.TotalSeconds, cores = Environment.ProcessorCount };
Console.WriteLine(JsonSerializer.Serialize(results));
return 0;

static async Task ForEachConcurrentlyAsync<T>(IReadOnlyList<T> items, int concurrency, Func<T, Task> action)
{
    var next = -1;
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
    {
        for (int i; (i = Interlocked.Increment(ref next)) < items.Count;) await action(items[i]);
    })));
}

static async Task<Measurement> MeasureAsync(Func<Task> call, int callers, TimeSpan duration)
{
    var clock = Stopwatch.StartNew();
    var stopAt = duration.Ticks * Stopwatch.Frequency / TimeSpan.TicksPerSecond;
    var errors = 0;
    Exception? firstError = null;
    var latencies = await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
    {
        var mine = new List<double>(4096);
        while (clock.ElapsedTicks < stopAt)
        {
            var start = clock.ElapsedTicks;
            try
            {
                await call();
            }
            catch (Exception e)
            {
                Interlocked.Increment(ref errors);
                Interlocked.CompareExchange(ref firstError, e, null);
            }
            mine.Add((clock.ElapsedTicks - start) * 1000.0 / Stopwatch.Frequency);
        }
        return mine;
    })));
    var seconds = clock.Elapsed.TotalSeconds;
    var all = latencies.SelectMany(l => l).Order().ToArray();
    double Percentile(double p) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)(p * all.Length))];
    return new Measurement(all.Length, seconds, all.Length / seconds, Percentile(0.50), Percentile(0.99), errors, firstError?.Message);
}

internal sealed record Measurement(int Calls, double Seconds, double PerSecond, double P50Ms, double P99Ms, int Errors, string? FirstError);

internal sealed record BenchOptions(TimeSpan Duration, TimeSpan Warmup, int Callers, int Ids, string[] Providers)
{
    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(1), 64, 1000, ["sqlite", "postgres"]);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            o = args[i] switch
            {
                "--seconds" => o with { Duration = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)) },
                "--warmup" => o with { Warmup = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)) },
                "--callers" => o with { Callers = int.Parse(value, CultureInfo.InvariantCulture) },
                "--ids" => o with { Ids = int.Parse(value, CultureInfo.InvariantCulture) },
                "--providers" => o with { Providers = value.Split(',', StringSplitOptions.RemoveEmptyEntries) },
                _ => throw new ArgumentException($"unknown option {args[i]} (--seconds, --warmup, --callers, --ids, --providers sqlite,postgres)"),
            };
            i++;
        }
        return o;
    }
}

/// <summary>The bench measures the grain layer, not a bus: delivered messages are dropped.</summary>
internal sealed class DiscardingOutbox : IMessageOutbox
{
    public Task PublishAsync(object message, CancellationToken ct = default) => Task.CompletedTask;

    public Task SendAsync(string queueName, object message, CancellationToken ct = default) => Task.CompletedTask;
}
