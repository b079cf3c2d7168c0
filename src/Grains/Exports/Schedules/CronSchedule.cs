using Cronos;

namespace MedVid.Grains.Exports.Schedules;

/// <summary>
/// A cron expression (five fields, or six with leading seconds) read in an IANA time zone ("0 2 * * 0" in "Europe/Berlin": Sundays at 02:00 local
/// time). Occurrences come from Cronos, which handles daylight-saving changes: a time skipped in spring runs at the
/// first valid time after it, a time repeated in autumn runs once (docs/exports.md).
/// </summary>
public sealed record CronSchedule(string Expression, string TimeZone)
{
    /// <summary>Every problem, each a sentence for the user; empty when both parts are valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Expression)) problems.Add("cron is required, e.g. \"0 2 * * 0\" (Sundays at 02:00).");
        else if (TryParse(Expression, out var error) is null) problems.Add($"Invalid cron expression '{Expression}': {error}");
        if (FindZone(TimeZone) is null)
            problems.Add($"Unknown time zone '{TimeZone}': use an IANA name such as Europe/Berlin or UTC.");
        return problems;
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, or null when the expression never fires again.</summary>
    public DateTimeOffset? Next(DateTimeOffset after) => Parsed().GetNextOccurrence(after, Zone(), inclusive: false);

    /// <summary>The next <paramref name="count"/> occurrences strictly after <paramref name="after"/>.</summary>
    public IReadOnlyList<DateTimeOffset> NextOccurrences(DateTimeOffset after, int count)
    {
        var (expression, zone) = (Parsed(), Zone());
        var occurrences = new List<DateTimeOffset>(count);
        var cursor = after;
        while (occurrences.Count < count && expression.GetNextOccurrence(cursor, zone, inclusive: false) is { } next)
        {
            occurrences.Add(next);
            cursor = next;
        }
        return occurrences;
    }

    /// <summary>Occurrences in (<paramref name="after"/>, <paramref name="upTo"/>], oldest first.</summary>
    public IEnumerable<DateTimeOffset> Between(DateTimeOffset after, DateTimeOffset upTo) =>
        after >= upTo ? [] : Parsed().GetOccurrences(after, upTo, Zone(), fromInclusive: false, toInclusive: true);

    private CronExpression Parsed() => TryParse(Expression, out var error) ?? throw new InvalidOperationException($"Invalid cron expression: {error}");

    private TimeZoneInfo Zone() => FindZone(TimeZone) ?? throw new InvalidOperationException($"Unknown time zone '{TimeZone}'.");

    private static CronExpression? TryParse(string expression, out string? error)
    {
        error = null;
        try
        {
            // Five fields as usual; a sixth, leading field gives seconds (short intervals, as tests use).
            var trimmed = expression.Trim();
            var fields = trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            return CronExpression.Parse(trimmed, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
        }
        catch (CronFormatException e)
        {
            error = e.Message;
            return null;
        }
    }

    /// <summary>
    /// IANA names only (and "UTC"): .NET would also accept Windows names on this machine, but a schedule must mean the
    /// same on every silo, and IANA names are what users and the portal's list use.
    /// </summary>
    private static TimeZoneInfo? FindZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id)) return null;
        try
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return zone.HasIanaId ? zone : null;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }
}
