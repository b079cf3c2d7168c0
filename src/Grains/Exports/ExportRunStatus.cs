namespace MedVid.Grains.Exports;

/// <summary>
/// Where an export run stands. Generating covers waiting in the queue: each label says what its jobs wait for. Rating:
/// a filtered run waits for its raters' verdicts.
/// </summary>
public enum ExportRunStatus
{
    Generating,
    Rating,
    Packaging,
    Succeeded,
    Failed,
    Cancelled,
}

/// <summary>One label's share of a run: its generation jobs all succeeded, some still run or wait, or one failed.</summary>
public enum ExportLabelStatus
{
    Pending,
    Generating,
    Succeeded,
    Failed,
    Cancelled,
}

public static class ExportRunStatuses
{
    public static bool IsTerminal(this ExportRunStatus status) => status is ExportRunStatus.Succeeded or ExportRunStatus.Failed or ExportRunStatus.Cancelled;
}
