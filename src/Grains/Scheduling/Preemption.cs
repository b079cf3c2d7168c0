namespace MedVid.Grains.Scheduling;

/// <summary>
/// A preemption the scheduler asked for and the host has not yet answered: the GPUs go to <paramref name="ForWorkItemId"/>
/// of team <paramref name="ByTeamId"/>, whose guarantee reclaims them.
/// </summary>
public sealed record PendingPreemption(DateTimeOffset RequestedAt, Guid ForWorkItemId, Guid ByTeamId, string ByTeamName, string Reason);

/// <summary>
/// One time an item gave back its GPUs: when, for which team's guarantee (and which of its items), on which host, and at
/// which step it stopped (the checkpoint it resumes from). <paramref name="Forced"/>: the host did not release within the
/// grace period and the attempt was stopped, so the item resumes from its newest stored checkpoint instead.
/// <paramref name="ResumedAt"/> and <paramref name="ResumedOnHost"/> are filled in when it starts again.
/// </summary>
public sealed record PreemptionRecord(
    DateTimeOffset At, Guid ByTeamId, string ByTeamName, Guid ForWorkItemId, string HostId, long? Step, bool Forced,
    DateTimeOffset? ResumedAt = null, string? ResumedOnHost = null);
