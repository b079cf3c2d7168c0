namespace MedVid.Contracts;

/// <summary>
/// Published by every compute host at a fixed interval. It carries the full capacity so that a host
/// registers itself by its first heartbeat and a restarted control plane learns hosts again.
/// </summary>
public sealed record HostHeartbeat(string HostId, string MachineName, HostCapacity Capacity, IReadOnlyList<string> Kinds, DateTimeOffset At);

public sealed record HostCapacity(int CpuCores, int CpuSlots, IReadOnlyList<GpuInfo> Gpus);

public sealed record GpuInfo(int Index, string Name, long MemoryMiB);
