namespace MedVid.Grains.Scheduling;

/// <summary>
/// What <see cref="ReclaimPlanner"/> decided for one waiting item: preempt <see cref="Victims"/> on
/// <see cref="HostId"/> now, or (when the borrowed work is still inside its minimum runtime) wait until
/// <see cref="NotBefore"/>. <see cref="Reason"/> says it in words a researcher understands.
/// </summary>
public sealed record ReclaimPlan(string HostId, IReadOnlyList<WorkItem> Victims, DateTimeOffset? NotBefore, string Reason)
{
    public bool PreemptNow => NotBefore is null;
}
