using Orleans;

namespace MedVid.Grains.Exports.Schedules;

/// <summary>An export schedule, keyed by its id, woken by a durable reminder to run its specification at each cron occurrence.</summary>
public interface IExportScheduleGrain : IGrainWithGuidKey
{
    /// <summary>Stores the schedule after checking its cron, time zone and that the specification is the team's; occurrences from now on run.</summary>
    Task<ExportScheduleView> CreateAsync(Guid teamId, Guid createdBy, ExportScheduleSpec spec);

    /// <summary>The schedule with its next occurrences and its history, newest first.</summary>
    Task<ExportScheduleView> GetAsync();

    Task<ExportScheduleView> PauseAsync();

    /// <summary>Resumes the schedule; occurrences that passed while it was paused do not run.</summary>
    Task<ExportScheduleView> ResumeAsync();
}

public sealed record ExportScheduleView(
    Guid Id, Guid TeamId, Guid SpecificationId, string Cron, string TimeZone, MisfirePolicy Misfire, bool Paused, DateTimeOffset HandledUpTo,
    IReadOnlyList<DateTimeOffset> NextOccurrences, IReadOnlyList<ScheduleOccurrence> History, DateTimeOffset CreatedAt);
