using MedVid.Contracts.Training;

namespace MedVid.Contracts;

/// <summary>
/// Progress of a running work item: a fraction in [0, 1], a short message, and for a training run its
/// <see cref="TrainingProgress"/> (stage, step and measurements).
/// </summary>
public sealed record WorkItemProgressed(
    Guid WorkItemId, int Attempt, string HostId, double Fraction, string? Message, TrainingProgress? Training, DateTimeOffset At);
