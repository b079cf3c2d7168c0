namespace MedVid.Grains.Infrastructure;

/// <summary>
/// One Orleans reminder (table <c>reminders</c>): its grain, name, first due time and period, keyed per Orleans
/// service so clusters sharing a database keep apart. <see cref="GrainHash"/> is the grain's uniform hash (a uint,
/// stored widened) by which silos read the reminders of their part of the ring; <see cref="Version"/> is the ETag.
/// </summary>
public sealed class ReminderRecord
{
    public required string ServiceId { get; set; }
    public required string GrainId { get; set; }
    public required string ReminderName { get; set; }
    public long GrainHash { get; set; }
    public DateTimeOffset StartAt { get; set; }
    public long PeriodTicks { get; set; }
    public long Version { get; set; }
}
