namespace MedVid.Grains.Exports;

/// <summary>How export runs and schedules pace themselves (configuration section "Exports").</summary>
public sealed class ExportOptions
{
    public const string Section = "Exports";

    /// <summary>Generation jobs one export run keeps in the queue at once, so a large export does not flood it.</summary>
    public int MaxJobsInFlight { get; set; } = 4;

    /// <summary>
    /// Period of the durable reminder that wakes runs (to check their jobs, package, delete expired results) and schedules
    /// (to look for a due occurrence). A schedule fires at most this long after its time. Orleans' minimum is one minute
    /// unless the silo lowers it (GrainCluster:MinimumReminderPeriod).
    /// </summary>
    public TimeSpan TickPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>An occurrence noticed later than this counts as misfired (see <see cref="Schedules.MisfirePolicy"/>).</summary>
    public TimeSpan MisfireGrace { get; set; } = Schedules.DueOccurrence.DefaultGrace;
}
