using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MedVid.EngineBench;
using static MedVid.Engine.torch;

// Interleaved benchmark of one small transformer's training step on three engines: ours (this
// process, libtorch 1.13 through our shim), TorchSharp (a peer process, libtorch 2.10) and
// Debian's PyTorch (a peer process, the same libtorch 1.13 build as ours). Each round runs N steps
// on every side, the starting side rotating, so all see the same machine state. Prints per-round
// times, paired ratios against PyTorch with 95% intervals and, as the last line, a JSON summary.
var config = BenchConfig.Parse(args);
set_num_threads(config.Threads);
manual_seed(0);

using var python = ProcessPeer.Python(Path.Combine(AppContext.BaseDirectory, "torch_bench.py"), config.PeerArgs);
using var torchSharp = ProcessPeer.DotNet(Path.Combine(AppContext.BaseDirectory, "peer-torchsharp", "MedVid.EngineBench.TorchSharpPeer.dll"), config.PeerArgs);
Console.WriteLine($"config {config}");
Console.WriteLine($"ours: threads={get_num_threads()}; torchsharp: {torchSharp.Banner}; pytorch: {python.Banner}");
// Other processes on a shared box distort every side; the load average is printed to judge a run.
string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
Console.WriteLine($"load average at start: {LoadAverage()}");

using var model = new TinyTransformer(config.Blocks, config.Width, config.Heads);
using var opt = optim.AdamW(model.parameters(), lr: 1e-4);
using var x = randn([config.Batch, config.Sequence, config.Width]);
using var y = randn([config.Batch, config.Sequence, config.Width]);

void Step()
{
    using var scope = NewDisposeScope();
    opt.zero_grad();
    var loss = nn.functional.mse_loss(model.forward(x), y);
    loss.backward();
    opt.step();
}

double OursMatmul(int count)
{
    using var scope = NewDisposeScope();
    var a = randn([1024, 1024]);
    var b = randn([1024, 1024]);
    a.matmul(b).Dispose();
    var watch = Stopwatch.StartNew();
    for (var i = 0; i < count; i++) a.matmul(b).Dispose();
    return 2.0 * Math.Pow(1024, 3) * count / watch.Elapsed.TotalSeconds / 1e9;
}

// Per-op overhead: an addition of 4-element tensors is almost all dispatch and bookkeeping.
double OursSmallOp(int count)
{
    using var a = ones([4]);
    using var b = ones([4]);
    var watch = Stopwatch.StartNew();
    for (var done = 0; done < count; done += 1000)
    {
        using var scope = NewDisposeScope();
        for (var i = 0; i < 1000; i++) _ = a + b;
    }
    return watch.Elapsed.TotalMilliseconds * 1000 / count;
}

(double Wall, double Cpu) PeerSteps(ProcessPeer peer, int steps)
{
    var reply = peer.AskMany($"steps {steps}", "ms");
    return (reply[0], reply[1]);
}

var sides = new (string Name, Func<int, (double Wall, double Cpu)> Steps)[]
{
    ("ours", steps => StepTiming.PerStep(Step, steps)),
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
        $"round {round + 1}: ours {wall["ours"][^1]:F1} ms/step (cpu {cpu["ours"][^1]:F1}), torchsharp {wall["torchsharp"][^1]:F1} (cpu {cpu["torchsharp"][^1]:F1}), pytorch {wall["pytorch"][^1]:F1} (cpu {cpu["pytorch"][^1]:F1})"));
}
Console.WriteLine($"load average at end: {LoadAverage()}");

var oursRatio = PairedRatio.Of(wall["ours"], wall["pytorch"]);
var torchSharpRatio = PairedRatio.Of(wall["torchsharp"], wall["pytorch"]);
Console.WriteLine($"paired ratio against pytorch: ours {oursRatio}; torchsharp {torchSharpRatio}");

var matmul = sides.ToDictionary(s => s.Name, _ => new List<double>());
for (var round = 0; round < 3; round++)
{
    matmul["ours"].Add(OursMatmul(20));
    matmul["torchsharp"].Add(torchSharp.Ask("matmul 20", "gflops"));
    matmul["pytorch"].Add(python.Ask("matmul 20", "gflops"));
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"matmul 1024x1024 float32 (best of 3 x 20): ours {matmul["ours"].Max():F1} GFLOP/s, torchsharp {matmul["torchsharp"].Max():F1}, pytorch {matmul["pytorch"].Max():F1}"));

OursSmallOp(20_000);
torchSharp.Ask("smallop 20000", "us");
python.Ask("smallop 20000", "us");
var small = new Dictionary<string, double>
{
    ["ours"] = Enumerable.Range(0, 3).Select(_ => OursSmallOp(100_000)).Min(),
    ["torchsharp"] = Enumerable.Range(0, 3).Select(_ => torchSharp.Ask("smallop 100000", "us")).Min(),
    ["pytorch"] = Enumerable.Range(0, 3).Select(_ => python.Ask("smallop 100000", "us")).Min(),
};
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"small op (4-element add): ours {small["ours"]:F2} us, torchsharp {small["torchsharp"]:F2} us, pytorch {small["pytorch"]:F2} us"));

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
foreach (var (name, ratio) in new[] { ("ours", oursRatio), ("torchsharp", torchSharpRatio) })
{
    var prefix = name == "ours" ? "" : "torchsharp_";
    summary[$"{prefix}paired_ratio"] = Math.Round(ratio.Mean, 4);
    summary[$"{prefix}paired_ratio_low"] = Math.Round(ratio.Low, 4);
    summary[$"{prefix}paired_ratio_high"] = Math.Round(ratio.High, 4);
    summary[$"{prefix}cpu_ratio"] = Math.Round(StepTiming.Median(cpu[name]) / StepTiming.Median(cpu["pytorch"]), 4);
}
Console.WriteLine(JsonSerializer.Serialize(summary));
