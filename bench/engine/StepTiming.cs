using System.Diagnostics;

namespace MedVid.EngineBench;

/// <summary>Timing helpers shared by the interleaved engine-against-PyTorch benches (engine, train-step).</summary>
public static class StepTiming
{
    /// <summary>
    /// Wall time per step, and process CPU time per step: on a busy shared machine the CPU time is the steadier
    /// measure of the work each side does.
    /// </summary>
    public static (double Wall, double Cpu) PerStep(Action step, int steps)
    {
        var self = Process.GetCurrentProcess();
        var cpu = self.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < steps; i++) step();
        var wall = watch.Elapsed.TotalMilliseconds / steps;
        self.Refresh();
        return (wall, (self.TotalProcessorTime - cpu).TotalMilliseconds / steps);
    }

    /// <summary>Medians resist one-off hiccups (page faults, the other side's process waking up).</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
