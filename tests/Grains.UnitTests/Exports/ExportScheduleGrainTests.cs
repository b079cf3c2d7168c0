using MedVid.Grains.Exports;
using MedVid.Grains.Exports.Schedules;
using static MedVid.Grains.UnitTests.Exports.ExportFixtures;

namespace MedVid.Grains.UnitTests.Exports;

/// <summary>Schedules woken by durable reminders (1 s ticks here): they fire, survive restarts, honour misfire policies, and run once per occurrence.</summary>
public sealed class ExportScheduleGrainTests : SqliteSiloTest
{
    private readonly Guid _team = Guid.NewGuid();

    protected override ShiftedClock Clock { get; } = new();

    [Fact]
    public async Task A_short_interval_schedule_starts_one_run_per_occurrence_and_pauses()
    {
        var (schedule, specification) = await ScheduleAsync("*/2 * * * * *");
        var view = await EventuallyAsync(() => schedule.GetAsync(), s => s.History.Count >= 3, "three occurrences");
        Assert.All(view.History, h => Assert.Equal(OccurrenceOutcome.Started, h.Outcome));
        Assert.Equal(view.History.Count, view.History.Select(h => h.Occurrence).Distinct().Count());
        Assert.All(view.History, h => Assert.Equal(0, h.Occurrence.Second % 2));
        Assert.Equal(5, view.NextOccurrences.Count);

        var paused = await schedule.PauseAsync();
        Assert.Empty(paused.NextOccurrences);
        var runs = await RunsOfAsync(specification);
        Assert.True(runs.Count >= view.History.Count);
        await Task.Delay(3000);
        Assert.Equal(runs.Count, (await RunsOfAsync(specification)).Count);
        foreach (var run in runs) Assert.True((await Host.Grains.GetGrain<IExportRunGrain>(run).GetAsync()).Trigger.IsScheduled);

        await schedule.ResumeAsync();
        await EventuallyAsync(() => RunsOfAsync(specification), r => r.Count > runs.Count, "a run after resuming");
    }

    [Fact]
    public async Task A_schedule_keeps_firing_after_a_silo_restart()
    {
        var (schedule, _) = await ScheduleAsync("*/2 * * * * *");
        await EventuallyAsync(() => schedule.GetAsync(), s => s.History.Count >= 1, "an occurrence before the restart");
        await Host.DisposeAsync();
        var restartedAt = DateTimeOffset.UtcNow;
        Host = await GrainHost.StartAsync(Database, Clock);
        var scheduleId = schedule.GetPrimaryKey();
        await EventuallyAsync(() => Host.Grains.GetGrain<IExportScheduleGrain>(scheduleId).GetAsync(),
            s => s.History.Any(h => h.DecidedAt > restartedAt), "an occurrence after the restart, with nothing calling the schedule");
    }

    [Theory]
    [InlineData(MisfirePolicy.RunOnce, OccurrenceOutcome.Started)]
    [InlineData(MisfirePolicy.Skip, OccurrenceOutcome.Skipped)]
    public async Task After_downtime_the_misfire_policy_decides_once_for_the_latest_occurrence(MisfirePolicy policy, OccurrenceOutcome expected)
    {
        var (schedule, specification) = await ScheduleAsync("0 * * * *", policy);
        var scheduleId = schedule.GetPrimaryKey();
        await Host.DisposeAsync();
        // Down for about five hours, coming back at half past an hour: the latest hourly occurrence is then 30 min
        // late, well past the 5 min grace, whatever the wall clock reads when the test runs.
        var now = Clock.GetUtcNow();
        var backAt = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 30, 0, TimeSpan.Zero).AddHours(5);
        Clock.Advance(backAt - now);
        Host = await GrainHost.StartAsync(Database, Clock);

        var view = await EventuallyAsync(() => Host.Grains.GetGrain<IExportScheduleGrain>(scheduleId).GetAsync(), s => s.History.Count > 0, "the recovery decision");
        await Task.Delay(2500); // more ticks decide nothing more
        view = await Host.Grains.GetGrain<IExportScheduleGrain>(scheduleId).GetAsync();
        var entry = Assert.Single(view.History);
        Assert.Equal(expected, entry.Outcome);
        Assert.Contains(policy == MisfirePolicy.RunOnce ? "Ran once on recovery" : "Skipped: noticed", entry.Note);
        Assert.Equal(policy == MisfirePolicy.RunOnce ? 1 : 0, (await RunsOfAsync(specification)).Count);
    }

    [Fact]
    public async Task An_invalid_cron_or_time_zone_or_another_teams_specification_is_refused_and_nothing_is_stored()
    {
        var runOf = await SucceededRunAsync(Host, _team, 600);
        var ours = await SpecificationAsync(Host, _team, runOf, videosPerLabel: 1);
        var otherTeam = Guid.NewGuid();
        var theirs = await SpecificationAsync(Host, otherTeam, await SucceededRunAsync(Host, otherTeam, 600), videosPerLabel: 1);
        var cases = new (ExportScheduleSpec Spec, string Message)[]
        {
            (new ExportScheduleSpec(ours, "0 2 * *", "Europe/Berlin"), "Invalid cron expression '0 2 * *'"),
            (new ExportScheduleSpec(ours, "0 2 * * 0", "Europe/Atlantis"), "Unknown time zone 'Europe/Atlantis': use an IANA name such as Europe/Berlin or UTC."),
            (new ExportScheduleSpec(theirs, "0 2 * * 0", "Europe/Berlin"), "The export specification does not exist."),
        };
        foreach (var (spec, message) in cases)
        {
            var id = Guid.NewGuid();
            var error = await Assert.ThrowsAnyAsync<GrainException>(() => Host.Grains.GetGrain<IExportScheduleGrain>(id).CreateAsync(_team, Guid.NewGuid(), spec));
            Assert.StartsWith(message, error.Message);
            await Assert.ThrowsAsync<EntityNotFoundException>(() => Host.Grains.GetGrain<IExportScheduleGrain>(id).GetAsync());
        }
        Assert.Empty(await Host.Directory.FindAsync<IExportScheduleGrain>("team", _team.ToString()));
    }

    private async Task<(IExportScheduleGrain Schedule, Guid Specification)> ScheduleAsync(string cron, MisfirePolicy policy = MisfirePolicy.RunOnce)
    {
        var runOf = await SucceededRunAsync(Host, _team, 600);
        var specification = await SpecificationAsync(Host, _team, runOf, videosPerLabel: 1);
        var schedule = Host.Grains.GetGrain<IExportScheduleGrain>(Guid.NewGuid());
        await schedule.CreateAsync(_team, Guid.NewGuid(), new ExportScheduleSpec(specification, cron, "Europe/Berlin", policy));
        return (schedule, specification);
    }

    private Task<IReadOnlyList<Guid>> RunsOfAsync(Guid specification) => Host.Directory.FindAsync<IExportRunGrain>("specification", specification.ToString());
}

/// <summary>Two silo replicas over one database and one schedule: exactly one export run per occurrence, whichever silo holds the reminder.</summary>
public sealed class TwoSiloExportScheduleTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Two_silos_start_exactly_one_run_per_occurrence(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var one = await GrainHost.StartAsync(database);
        await using var two = await GrainHost.StartAsync(database, joining: one);
        await one.WaitForSettledClusterAsync(two);
        var team = Guid.NewGuid();
        var specification = await SpecificationAsync(one, team, await SucceededRunAsync(one, team, 600), videosPerLabel: 1);
        var scheduleId = Guid.NewGuid();
        await two.Grains.GetGrain<IExportScheduleGrain>(scheduleId).CreateAsync(team, Guid.NewGuid(),
            new ExportScheduleSpec(specification, "* * * * * *", "UTC")); // every second: many chances to double-fire

        var view = await EventuallyAsync(() => one.Grains.GetGrain<IExportScheduleGrain>(scheduleId).GetAsync(), s => s.History.Count >= 5, "five occurrences");
        await two.Grains.GetGrain<IExportScheduleGrain>(scheduleId).PauseAsync();
        view = await one.Grains.GetGrain<IExportScheduleGrain>(scheduleId).GetAsync();

        var runs = await one.Directory.FindAsync<IExportRunGrain>("specification", specification.ToString());
        var occurrences = new List<DateTimeOffset>();
        foreach (var run in runs) occurrences.Add((await two.Grains.GetGrain<IExportRunGrain>(run).GetAsync()).Trigger.Occurrence!.Value);
        Assert.Equal(occurrences.Count, occurrences.Distinct().Count());
        Assert.Equal(view.History.Where(h => h.Outcome == OccurrenceOutcome.Started).Select(h => h.Occurrence).Order(), occurrences.Order());
    }
}
