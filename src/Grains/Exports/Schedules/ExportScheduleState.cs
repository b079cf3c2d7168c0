using MedVid.Grains.Abstractions;

namespace MedVid.Grains.Exports.Schedules;

/// <summary>
/// A schedule: its cron and time zone, whether it is paused, the latest occurrence it handled (never handled twice),
/// and its history.
/// </summary>
public sealed class ExportScheduleState : IIndexedState
{
    public const int HistoryKept = 200;

    public bool Created { get; set; }
    public Guid TeamId { get; set; }
    public Guid CreatedBy { get; set; }
    public ExportScheduleSpec? Spec { get; set; }
    public bool Paused { get; set; }

    /// <summary>Occurrences up to this instant are handled: run, skipped or folded into a later one; only later ones can run.</summary>
    public DateTimeOffset HandledUpTo { get; set; }

    public List<ScheduleOccurrence> History { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }

    public void Create(Guid teamId, Guid createdBy, ExportScheduleSpec spec, DateTimeOffset now)
    {
        if (Created) throw new IllegalTransitionException("The export schedule already exists.");
        spec.Validate();
        (TeamId, CreatedBy, Spec, CreatedAt, HandledUpTo, Created) = (teamId, createdBy, spec, now, now, true);
    }

    public void Pause()
    {
        RequireCreated();
        if (Paused) throw new IllegalTransitionException("The export schedule is already paused.");
        Paused = true;
    }

    /// <summary>Resumes from now: occurrences that passed while paused do not run.</summary>
    public void Resume(DateTimeOffset now)
    {
        RequireCreated();
        if (!Paused) throw new IllegalTransitionException("The export schedule is not paused.");
        (Paused, HandledUpTo) = (false, now);
    }

    /// <summary>What is due now, if anything (nothing while paused).</summary>
    public DueOccurrence? Due(DateTimeOffset now, TimeSpan grace) =>
        Created && !Paused ? DueOccurrence.Evaluate(Spec!.Schedule, Spec.Misfire, HandledUpTo, now, grace) : null;

    public void Record(DueOccurrence due, OccurrenceOutcome outcome, Guid? runId, string? note, DateTimeOffset now)
    {
        if (due.Occurrence <= HandledUpTo) throw new IllegalTransitionException($"The occurrence {due.Occurrence:O} was already handled.");
        HandledUpTo = due.Occurrence;
        History.Add(new ScheduleOccurrence(due.Occurrence, now, outcome, runId, note));
        if (History.Count > HistoryKept) History.RemoveRange(0, History.Count - HistoryKept);
    }

    public void RequireCreated()
    {
        if (!Created) throw new EntityNotFoundException("The export schedule does not exist.");
    }

    public IEnumerable<GrainIndexEntry> IndexEntries() => Created
        ? [new GrainIndexEntry("team", TeamId.ToString()), new GrainIndexEntry("specification", Spec!.SpecificationId.ToString())]
        : [];
}
