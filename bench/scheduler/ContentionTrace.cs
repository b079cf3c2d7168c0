namespace MedVid.SchedulerBench;

/// <summary>One job of the contention trace: when it arrives, for which team, how many GPUs, how long it runs undisturbed.</summary>
internal sealed record TraceJob(int Index, int Team, DateTimeOffset Arrival, int Gpus, TimeSpan Duration);

/// <summary>
/// The contention trace, drawn from a seed: <see cref="Teams"/> teams with equal quotas sharing
/// <see cref="Hosts"/> hosts of <see cref="GpusPerHost"/> GPUs over two days. Teams A and B submit steadily; team C is idle
/// for 16 h and then bursts (most of its jobs in one hour); team D bursts twice (hours 8 and 30). Sizes 1/2/4/8 GPUs with
/// probabilities .5/.25/.15/.10; durations log-normal (median 30 min, sigma 1.2, at most 24 h): heavy-tailed.
/// </summary>
internal sealed record ContentionTrace(IReadOnlyList<TraceJob> Jobs, DateTimeOffset Start, TimeSpan Horizon)
{
    public const int Teams = 4;
    public const int Hosts = 8;
    public const int GpusPerHost = 8;
    public const int QuotaPerTeam = Hosts * GpusPerHost / Teams;

    public static readonly DateTimeOffset Epoch = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    public static ContentionTrace Generate(int jobs, int seed)
    {
        var random = new Random(seed);
        var horizon = TimeSpan.FromHours(48);
        var shares = new[] { 0.35, 0.30, 0.20, 0.15 };
        var drawn = new List<(int Team, DateTimeOffset Arrival, int Gpus, TimeSpan Duration)>();
        for (var team = 0; team < Teams; team++)
        {
            var count = team == Teams - 1 ? jobs - drawn.Count : (int)Math.Round(jobs * shares[team]);
            for (var j = 0; j < count; j++)
                drawn.Add((team, Epoch + ArrivalOffset(team, random, horizon), Size(random), Duration(random)));
        }
        var ordered = drawn.OrderBy(j => j.Arrival).ThenBy(j => j.Team).Select((j, i) => new TraceJob(i, j.Team, j.Arrival, j.Gpus, j.Duration)).ToList();
        return new ContentionTrace(ordered, Epoch, horizon);
    }

    public static string TeamName(int team) => ((char)('A' + team)).ToString();

    private static TimeSpan ArrivalOffset(int team, Random random, TimeSpan horizon) => team switch
    {
        0 or 1 => horizon * random.NextDouble(), // steady
        2 => TimeSpan.FromHours(16) + (random.NextDouble() < 0.8 ? TimeSpan.FromHours(random.NextDouble()) : (horizon - TimeSpan.FromHours(16)) * random.NextDouble()),
        _ => TimeSpan.FromHours(random.NextDouble() < 0.5 ? 8 : 30) + TimeSpan.FromMinutes(90 * random.NextDouble()),
    };

    private static int Size(Random random) => random.NextDouble() switch
    {
        < 0.50 => 1,
        < 0.75 => 2,
        < 0.90 => 4,
        _ => 8,
    };

    private static TimeSpan Duration(Random random)
    {
        // Box-Muller normal, then log-normal around a 30 min median.
        var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var minutes = Math.Min(24 * 60, 30 * Math.Exp(1.2 * normal));
        return TimeSpan.FromMinutes(Math.Max(1, minutes));
    }
}
