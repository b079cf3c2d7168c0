namespace MedVid.Compute;

/// <summary>Configuration section "ComputeHost".</summary>
public sealed class ComputeHostOptions
{
    public const string Section = "ComputeHost";

    /// <summary>Names this host's queues; stable across restarts so a restarted host picks up its own backlog.</summary>
    public string HostId { get; set; } = Environment.MachineName.ToLowerInvariant();

    /// <summary>Work items without a GPU that may run at once; default half the cores, at least one.</summary>
    public int CpuSlots { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Reports this many GPUs that do not exist (work placed on them runs on the CPU), to try GPU sharing and preemption on a
    /// machine without GPUs; 0 (default) reports the real ones. Never set it on a real GPU host.
    /// </summary>
    public int SimulatedGpus { get; set; }

    /// <summary>The memory each simulated GPU reports, in MiB.</summary>
    public long SimulatedGpuMemoryMiB { get; set; } = 24576;

    /// <summary>Scratch space for downloads and intermediate files; each work item gets its own folder, removed afterwards.</summary>
    public string WorkDirectory { get; set; } = Path.Combine(".medvid", "work");

    /// <summary>
    /// A safetensors file of Kinetics-400 I3D weights the site supplies (names in docs/evaluation.md). When set,
    /// evaluations also measure a Fréchet distance in I3D's logit space (FVD's feature space); unset, they do not.
    /// </summary>
    public string? I3dWeights { get; set; }

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(HostId) || HostId.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
            throw new InvalidOperationException($"ComputeHost:HostId '{HostId}' may only use letters, digits, '-', '_' and '.'.");
        if (CpuSlots is < 1 or > 256) throw new InvalidOperationException("ComputeHost:CpuSlots must be between 1 and 256.");
        if (HeartbeatInterval <= TimeSpan.Zero) throw new InvalidOperationException("ComputeHost:HeartbeatInterval must be positive.");
        if (SimulatedGpus is < 0 or > 64) throw new InvalidOperationException("ComputeHost:SimulatedGpus must be between 0 and 64.");
        if (!string.IsNullOrEmpty(I3dWeights) && !File.Exists(I3dWeights))
            throw new InvalidOperationException($"ComputeHost:I3dWeights '{I3dWeights}' does not exist; give the path of the site's I3D safetensors file, or leave it unset.");
    }
}
