using MedVid.Engine.Optimizers;
using static TorchSharp.torch;

namespace MedVid.Engine.Tests;

[CollectionDefinition(nameof(MemoryCollection), DisableParallelization = true)]
public sealed class MemoryCollection;

/// <summary>
/// Runs alone (no parallel tests) so the process's resident set reflects this loop only.
/// engine.runsettings gives the test host a 4 MiB gen0 budget: on this VM the CPU reports a
/// 260 MiB L3 cache, from which .NET derives a ~80 MB gen0 budget, and the first ~100k steps
/// would then only measure managed garbage that no collection has reclaimed yet.
/// </summary>
[Collection(nameof(MemoryCollection))]
public class MemoryTests
{
    private const int WarmupSteps = 10_000;
    private const int MeasuredSteps = 90_000;
    private const long AllowedGrowthBytes = 20L << 20;

    private static long ResidentBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        throw new InvalidOperationException("no VmRSS in /proc/self/status");
    }

    [Fact]
    public void Hundred_thousand_training_steps_in_dispose_scopes_keep_resident_memory_flat()
    {
        manual_seed(1);
        var threads = get_num_threads();
        set_num_threads(1); // tiny tensors: thread hand-offs would only add noise
        try
        {
            using var net = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 1));
            // The training loops' optimizer: the library's AdamW lets a temporary Scalar be finalized mid-call, which at
            // 100,000 steps of garbage did happen in CI ("Expected false to be true" from Scalar::toFloat; docs/engine.md).
            using var opt = new ScalarSafeAdamW(net.parameters(), lr: 1e-3);
            using var x = randn(16, 4);
            using var y = randn(16, 1);

            void Run(int steps)
            {
                for (var i = 0; i < steps; i++)
                {
                    using var scope = NewDisposeScope();
                    opt.zero_grad();
                    var loss = nn.functional.mse_loss(net.forward(x), y);
                    loss.backward();
                    opt.step();
                }
            }

            Run(WarmupSteps);
            var before = ResidentBytes();
            Run(MeasuredSteps);
            var after = ResidentBytes();
            Assert.True(after - before < AllowedGrowthBytes,
                $"resident memory grew by {(after - before) / (1 << 20)} MiB over {MeasuredSteps} steps (allowed {AllowedGrowthBytes >> 20} MiB)");
        }
        finally
        {
            set_num_threads(threads);
        }
    }
}
