using MedVid.Grains.Exports.Schedules;

namespace MedVid.Grains.UnitTests.Exports;

public sealed class CronScheduleTests
{
    private static readonly CronSchedule SundaysAtTwoBerlin = new("0 2 * * 0", "Europe/Berlin");

    [Fact]
    public void Occurrences_follow_local_time_across_the_spring_change()
    {
        // 2027-03-28: Berlin's clocks jump from 02:00 CET to 03:00 CEST, so 02:00 does not exist that day; it runs at the
        // first valid time after it (03:00 CEST = 01:00 UTC). The Sundays around it run at 02:00 local time.
        var occurrences = SundaysAtTwoBerlin.NextOccurrences(new DateTimeOffset(2027, 3, 15, 0, 0, 0, TimeSpan.Zero), 3);
        Assert.Equal(
        [
            new DateTimeOffset(2027, 3, 21, 2, 0, 0, TimeSpan.FromHours(1)),
            new DateTimeOffset(2027, 3, 28, 3, 0, 0, TimeSpan.FromHours(2)),
            new DateTimeOffset(2027, 4, 4, 2, 0, 0, TimeSpan.FromHours(2)),
        ], occurrences);
        Assert.Equal(new DateTimeOffset(2027, 3, 28, 1, 0, 0, TimeSpan.Zero), occurrences[1].ToUniversalTime());
    }

    [Fact]
    public void An_hour_repeated_in_autumn_runs_once()
    {
        // 2026-10-25: 02:00-02:59 happens twice in Berlin (CEST, then CET). The schedule fires once, at the first.
        var after = new DateTimeOffset(2026, 10, 24, 22, 0, 0, TimeSpan.Zero);
        var occurrences = SundaysAtTwoBerlin.NextOccurrences(after, 2);
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 0, 0, TimeSpan.Zero), occurrences[0].ToUniversalTime());
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 1, 0, 0, TimeSpan.Zero), occurrences[1].ToUniversalTime());
        Assert.Single(SundaysAtTwoBerlin.Between(after, after.AddHours(6)));
    }

    [Fact]
    public void Hourly_occurrences_in_the_repeated_hour_run_in_both_offsets()
    {
        // An interval schedule (every 30 min) keeps its spacing in absolute time through the repeated hour.
        var every30 = new CronSchedule("*/30 * * * *", "Europe/Berlin");
        var from = new DateTimeOffset(2026, 10, 24, 23, 59, 0, TimeSpan.Zero);
        var utc = every30.NextOccurrences(from, 5).Select(o => o.UtcDateTime.ToString("HH:mm")).ToList();
        Assert.Equal(["00:00", "00:30", "01:00", "01:30", "02:00"], utc);
    }

    public static TheoryData<string, string, string> InvalidSchedules() => new()
    {
        { "0 2 * *", "Europe/Berlin", "Invalid cron expression '0 2 * *'" },
        { "61 2 * * 0", "Europe/Berlin", "Invalid cron expression '61 2 * * 0'" },
        { "", "Europe/Berlin", "cron is required" },
        { "0 2 * * 0", "Mars/Olympus_Mons", "Unknown time zone 'Mars/Olympus_Mons': use an IANA name such as Europe/Berlin or UTC." },
        { "0 2 * * 0", "W. Europe Standard Time", "Unknown time zone 'W. Europe Standard Time'" },
        { "0 2 * * 0", "", "Unknown time zone ''" },
    };

    [Theory]
    [MemberData(nameof(InvalidSchedules))]
    public void Invalid_cron_or_time_zone_is_reported(string cron, string zone, string start)
    {
        var problem = Assert.Single(new CronSchedule(cron, zone).Problems());
        Assert.StartsWith(start, problem);
    }

    [Fact]
    public void Utc_and_iana_names_are_accepted()
    {
        Assert.Empty(new CronSchedule("*/5 * * * *", "UTC").Problems());
        Assert.Empty(new CronSchedule("0 2 * * SUN", "America/New_York").Problems());
        Assert.Empty(new CronSchedule("*/5 * * * * *", "UTC").Problems()); // six fields: seconds first
    }
}

public sealed class DueOccurrenceTests
{
    private static readonly CronSchedule Hourly = new("0 * * * *", "UTC");
    private static readonly DateTimeOffset Nine = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Nothing_is_due_before_the_next_occurrence() =>
        Assert.Null(DueOccurrence.Evaluate(Hourly, MisfirePolicy.RunOnce, Nine, Nine.AddMinutes(59), DueOccurrence.DefaultGrace));

    [Fact]
    public void An_occurrence_noticed_in_time_runs_under_either_policy()
    {
        foreach (var policy in Enum.GetValues<MisfirePolicy>())
        {
            var due = DueOccurrence.Evaluate(Hourly, policy, Nine, Nine.AddHours(1).AddSeconds(40), DueOccurrence.DefaultGrace)!;
            Assert.Equal((Nine.AddHours(1), true, 0, (string?)null), (due.Occurrence, due.Run, due.Missed, due.Note));
        }
    }

    [Fact]
    public void After_downtime_run_once_runs_the_latest_missed_occurrence_only()
    {
        var due = DueOccurrence.Evaluate(Hourly, MisfirePolicy.RunOnce, Nine, Nine.AddHours(5).AddMinutes(20), DueOccurrence.DefaultGrace)!;
        Assert.Equal((Nine.AddHours(5), true, 4), (due.Occurrence, due.Run, due.Missed));
        Assert.Equal("Ran once on recovery, 20 min late (5 occurrence(s) missed while no silo ran the schedule).", due.Note);
    }

    [Fact]
    public void After_downtime_skip_records_the_occurrence_without_running()
    {
        var due = DueOccurrence.Evaluate(Hourly, MisfirePolicy.Skip, Nine, Nine.AddHours(5).AddMinutes(20), DueOccurrence.DefaultGrace)!;
        Assert.Equal((Nine.AddHours(5), false), (due.Occurrence, due.Run));
        Assert.Equal("Skipped: noticed 20 min late and the misfire policy is skip.", due.Note);
        // Once recorded as handled, the same occurrence is not due again.
        Assert.Null(DueOccurrence.Evaluate(Hourly, MisfirePolicy.Skip, due.Occurrence, Nine.AddHours(5).AddMinutes(21), DueOccurrence.DefaultGrace));
    }

    [Fact]
    public void A_schedule_off_for_years_looks_back_a_bounded_time()
    {
        var everyMinute = new CronSchedule("* * * * *", "UTC");
        var due = DueOccurrence.Evaluate(everyMinute, MisfirePolicy.RunOnce, Nine.AddYears(-5), Nine.AddSeconds(10), DueOccurrence.DefaultGrace)!;
        Assert.Equal(Nine, due.Occurrence);
        Assert.True(due.Run);
    }
}
