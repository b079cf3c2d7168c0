namespace MedVid.Grains.Exports.Schedules;

public enum OccurrenceOutcome
{
    /// <summary>An export run was started for the occurrence (its status is the run's).</summary>
    Started,

    /// <summary>The misfire policy skipped it.</summary>
    Skipped,

    /// <summary>The run could not start (e.g. the training run has no checkpoint); the note says why.</summary>
    Failed,
}

/// <summary>One entry of a schedule's history: an occurrence, what was decided for it, and when.</summary>
public sealed record ScheduleOccurrence(DateTimeOffset Occurrence, DateTimeOffset DecidedAt, OccurrenceOutcome Outcome, Guid? ExportRunId, string? Note);
