using System.Diagnostics;
using System.Globalization;
using MedVid.Contracts;

namespace MedVid.Compute.Hosting;

/// <summary>What this machine offers: CPU cores and, when the NVIDIA driver is present, its GPUs with their memory (or simulated ones).</summary>
public static class CapacityProbe
{
    public static HostCapacity Detect(ComputeHostOptions options) =>
        new(Environment.ProcessorCount, options.CpuSlots, options.SimulatedGpus > 0 ? Simulated(options) : ListGpus());

    private static IReadOnlyList<GpuInfo> Simulated(ComputeHostOptions options) =>
        Enumerable.Range(0, options.SimulatedGpus).Select(i => new GpuInfo(i, "simulated (runs on the CPU)", options.SimulatedGpuMemoryMiB)).ToList();

    /// <summary>Reads nvidia-smi's CSV output; no driver (or no nvidia-smi) means no GPUs.</summary>
    public static IReadOnlyList<GpuInfo> ListGpus()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("nvidia-smi", "--query-gpu=index,name,memory.total --format=csv,noheader,nounits")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (process is null) return [];
            var output = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(10_000) || process.ExitCode != 0) return [];
            return ParseNvidiaSmi(output);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return [];
        }
    }

    public static IReadOnlyList<GpuInfo> ParseNvidiaSmi(string csv) =>
        csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(',', StringSplitOptions.TrimEntries))
            .Where(f => f.Length == 3 && int.TryParse(f[0], out _) && long.TryParse(f[2], out _))
            .Select(f => new GpuInfo(int.Parse(f[0], CultureInfo.InvariantCulture), f[1], long.Parse(f[2], CultureInfo.InvariantCulture)))
            .ToList();
}
