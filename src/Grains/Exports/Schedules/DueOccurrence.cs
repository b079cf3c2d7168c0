namespace MedVid.Grains.Exports.Schedules;

/// <summary>
/// The decision for the occurrences that came due since a schedule last acted: <paramref name="Occurrence"/> is the
/// latest of them (the one recorded as handled), <paramref name="Run"/> whether an export runs for it, and
/// <paramref name="Missed"/> how many earlier occurrences were folded into it (they never run on their own).
/// </summary>
public sealed record DueOccurrence(DateTimeOffset Occurrence, bool Run, int Missed, string? Note)
{
    /// <summary>Noticed later than this after its time, an occurrence counts as misfired (the silo was down or busy).</summary>
    public static readonly TimeSpan DefaultGrace = TimeSpan.FromMinutes(5);

    /// <summary>How far back missed occurrences are looked for.</summary>
    public static readonly TimeSpan MaxLookBack = TimeSpan.FromDays(400);

    /// <summary>
    /// What to do at <paramref name="now"/> for occurrences in (<paramref name="handledUpTo"/>, now]; null when none came
    /// due. Only the latest counts: a schedule never runs a backlog, whatever the policy.
    /// </summary>
    public static DueOccurrence? Evaluate(CronSchedule cron, MisfirePolicy policy, DateTimeOffset handledUpTo, DateTimeOffset now, TimeSpan grace)
    {
        DateTimeOffset? latest = null;
        var count = 0;
        // A schedule every minute that was off for years must not enumerate every minute since; older ones are misfired anyway.
        var from = handledUpTo < now - MaxLookBack ? now - MaxLookBack : handledUpTo;
        foreach (var occurrence in cron.Between(from, now))
        {
            latest = occurrence;
            count++;
        }
        if (latest is not { } due) return null;
        var late = now - due;
        var missed = count - 1;
        if (late <= grace)
            return new DueOccurrence(due, true, missed, missed > 0 ? $"{missed} earlier occurrence(s) missed; ran for the latest only." : null);
        return policy == MisfirePolicy.RunOnce
            ? new DueOccurrence(due, true, missed, $"Ran once on recovery, {Describe(late)} late ({count} occurrence(s) missed while no silo ran the schedule).")
            : new DueOccurrence(due, false, missed, $"Skipped: noticed {Describe(late)} late and the misfire policy is skip.");
    }

    private static string Describe(TimeSpan late) =>
        late.TotalHours >= 1 ? $"{late.TotalHours:0.#} h" : late.TotalMinutes >= 1 ? $"{late.TotalMinutes:0.#} min" : $"{late.TotalSeconds:0} s";
}
