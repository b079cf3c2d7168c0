namespace MedVid.Contracts;

/// <summary>Queue names of a host: work is addressed to one host; control messages bypass its work backlog.</summary>
public static class HostQueues
{
    public static string Work(string hostId) => $"host-{hostId}";

    public static string Control(string hostId) => $"host-{hostId}-control";
}
