namespace MedVid.Contracts;

/// <summary>Progress of a running work item: a fraction in [0, 1], a short message and optional metrics (loss, lr, ...).</summary>
public sealed record WorkItemProgressed(
    Guid WorkItemId, int Attempt, string HostId, double Fraction, string? Message,
    IReadOnlyDictionary<string, double>? Metrics, DateTimeOffset At);
