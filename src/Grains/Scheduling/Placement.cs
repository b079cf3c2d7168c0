namespace MedVid.Grains.Scheduling;

/// <summary>A decision of <see cref="SchedulingPolicy"/>: run this item on this host, on these GPUs.</summary>
public sealed record Placement(WorkItem Item, HostEntry Host, IReadOnlyList<int> GpuIndexes);
