using MedVid.Contracts;

namespace MedVid.Grains.Scheduling;

public enum HostStatus
{
    Online,
    Lost,
}

/// <summary>A compute host as the scheduler knows it from its heartbeats.</summary>
public sealed class HostEntry
{
    public string HostId { get; set; } = "";
    public string MachineName { get; set; } = "";
    public HostCapacity Capacity { get; set; } = new(0, 0, []);
    public List<string> Kinds { get; set; } = [];
    public HostStatus Status { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }
    public DateTimeOffset LastHeartbeat { get; set; }
}
