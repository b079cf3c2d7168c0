using System.Globalization;
using System.Text.Json;
using MedVid.EngineBench;

// Interleaved benchmark of one small transformer's training step on TorchSharp (libtorch 2.10, the
// engine the models run on) and Debian's PyTorch (libtorch 1.13), each a peer process. Each round runs
// N steps on every side, the starting side rotating, so all see the same machine state. Prints
// per-round times, the paired ratio against PyTorch with its 95% interval and, as the last line, a
// JSON summary. (Until the move to TorchSharp a third side, our own shim over libtorch 1.13, ran in
// this process; its last figures are in docs/benchmarks.md.)
var config = BenchConfig.Parse(args);

using var python = ProcessPeer.Python(Path.Combine(AppContext.BaseDirectory, "torch_bench.py"), config.PeerArgs);
using var torchSharp = ProcessPeer.DotNet(Path.Combine(AppContext.BaseDirectory, "peer-torchsharp", "MedVid.EngineBench.TorchSharpPeer.dll"), config.PeerArgs);
Console.WriteLine($"config {config}");
Console.WriteLine($"torchsharp: {torchSharp.Banner}; pytorch: {python.Banner}");
// Other processes on a shared box distort every side; the load average is printed to judge a run.
string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
Console.WriteLine($"load average at start: {LoadAverage()}");

(double Wall, double Cpu) PeerSteps(ProcessPeer peer, int steps)
{
    var reply = peer.AskMany($"steps {steps}", "ms");
    return (reply[0], reply[1]);
}

var sides = new (string Name, Func<int, (double Wall, double Cpu)> Steps)[]
{
    ("torchsharp", steps => PeerSteps(torchSharp, steps)),
    ("pytorch", steps => PeerSteps(python, steps)),
};
foreach (var side in sides) side.Steps(config.WarmupSteps);

var wall = sides.ToDictionary(s => s.Name, _ => new List<double>());
var cpu = sides.ToDictionary(s => s.Name, _ => new List<double>());
for (var round = 0; round < config.Rounds; round++)
{
    // The starting side rotates: a side that follows another starts while the other's BLAS/OpenMP
    // workers may still be spinning, so a fixed order would bias one side.
    for (var i = 0; i < sides.Length; i++)
    {
        var side = sides[(round + i) % sides.Length];
        var (w, c) = side.Steps(config.StepsPerRound);
        wall[side.Name].Add(w);
        cpu[side.Name].Add(c);
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"round {round + 1}: torchsharp {wall["torchsharp"][^1]:F1} (cpu {cpu["torchsharp"][^1]:F1}), pytorch {wall["pytorch"][^1]:F1} (cpu {cpu["pytorch"][^1]:F1})"));
}
Console.WriteLine($"load average at end: {LoadAverage()}");

var torchSharpRatio = PairedRatio.Of(wall["torchsharp"], wall["pytorch"]);
Console.WriteLine($"paired ratio torchsharp/pytorch: {torchSharpRatio}");

var matmul = sides.ToDictionary(s => s.Name, _ => new List<double>());
for (var round = 0; round < 3; round++)
{
    matmul["torchsharp"].Add(torchSharp.Ask("matmul 20", "gflops"));
    matmul["pytorch"].Add(python.Ask("matmul 20", "gflops"));
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"matmul 1024x1024 float32 (best of 3 x 20): torchsharp {matmul["torchsharp"].Max():F1} GFLOP/s, pytorch {matmul["pytorch"].Max():F1}"));

torchSharp.Ask("smallop 20000", "us");
python.Ask("smallop 20000", "us");
var small = new Dictionary<string, double>
{
    ["torchsharp"] = Enumerable.Range(0, 3).Select(_ => torchSharp.Ask("smallop 100000", "us")).Min(),
    ["pytorch"] = Enumerable.Range(0, 3).Select(_ => python.Ask("smallop 100000", "us")).Min(),
};
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"small op (4-element add): torchsharp {small["torchsharp"]:F2} us, pytorch {small["pytorch"]:F2} us"));

var summary = new Dictionary<string, double> { ["threads"] = config.Threads };
foreach (var (name, _) in sides)
{
    summary[$"{name}_ms_per_step"] = Math.Round(StepTiming.Median(wall[name]), 2);
    // Other processes only ever add time, so the best round is closest to the undisturbed cost.
    summary[$"{name}_best_ms_per_step"] = Math.Round(wall[name].Min(), 2);
    summary[$"{name}_cpu_ms_per_step"] = Math.Round(StepTiming.Median(cpu[name]), 2);
    summary[$"{name}_matmul_gflops"] = Math.Round(matmul[name].Max(), 2);
    summary[$"{name}_small_op_us"] = Math.Round(small[name], 3);
}
summary["paired_ratio"] = Math.Round(torchSharpRatio.Mean, 4);
summary["paired_ratio_low"] = Math.Round(torchSharpRatio.Low, 4);
summary["paired_ratio_high"] = Math.Round(torchSharpRatio.High, 4);
summary["cpu_ratio"] = Math.Round(StepTiming.Median(cpu["torchsharp"]) / StepTiming.Median(cpu["pytorch"]), 4);
Console.WriteLine(JsonSerializer.Serialize(summary));
