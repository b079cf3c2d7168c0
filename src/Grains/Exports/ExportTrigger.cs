namespace MedVid.Grains.Exports;

/// <summary>What started a run: a user, or a schedule at one of its occurrences.</summary>
public sealed record ExportTrigger(Guid? ScheduleId = null, DateTimeOffset? Occurrence = null)
{
    public static readonly ExportTrigger Manual = new();

    public bool IsScheduled => ScheduleId is not null;
}
