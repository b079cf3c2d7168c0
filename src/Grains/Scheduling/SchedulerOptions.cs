namespace MedVid.Grains.Scheduling;

/// <summary>How the scheduler watches hosts and reclaims GPUs (configuration section "ControlPlane", where these settings always lived).</summary>
public sealed class SchedulerOptions
{
    public const string Section = "ControlPlane";

    /// <summary>A host silent for longer than this is marked lost and its work is queued again.</summary>
    public TimeSpan HeartbeatTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>An assignment a host has not acknowledged for this long is sent again.</summary>
    public TimeSpan UnacknowledgedAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the scheduler's timer checks hosts.</summary>
    public TimeSpan HostCheckInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Period of the durable reminder that brings the scheduler back (and with it the host checks) on another silo
    /// after the one holding it died; Orleans' minimum is one minute unless the silo lowers it.
    /// </summary>
    public TimeSpan KeepAlivePeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Whether teams may use idle GPUs beyond their quota. Off, quotas are static partitions: nothing is borrowed, so
    /// nothing is preempted, and idle GPUs stay idle.
    /// </summary>
    public bool Borrowing { get; set; } = true;

    /// <summary>Borrowed work younger than this is not preempted, unless its team set its own minimum runtime.</summary>
    public TimeSpan DefaultMinimumRuntime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A host that has not given back a preempted item's GPUs after this long has the item stopped and requeued.</summary>
    public TimeSpan PreemptionGrace { get; set; } = TimeSpan.FromSeconds(60);
}
