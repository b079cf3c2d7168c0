using System.Globalization;
using System.Text.Json;
using MedVid.EngineBench;
using MedVid.Models.Dit;
using MedVid.TrainStepBench;
using static TorchSharp.torch;

// Interleaved benchmark of one DiT training step: each round runs N steps here, then N in
// PyTorch (the order alternates), so both sides see the same machine state. Prints per-round
// times side by side and, as the last line, a JSON summary.
var config = BenchConfig.Parse(args);
set_num_threads(config.Threads);
manual_seed(0);

using var python = ProcessPeer.Python(Path.Combine(AppContext.BaseDirectory, "stdit_bench.py"), config.PeerArgs);
string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
Console.WriteLine($"config {config}");
Console.WriteLine($"ours: threads={get_num_threads()} params={config.Model.ParameterCount()}; pytorch: {python.Banner}");
Console.WriteLine($"load average at start: {LoadAverage()}");

using var generator = new Generator(0);
using var model = new SpatialTemporalDit(config.Model, generator);
// A fresh DiT has zero output and zero temporal/cross projections; the step costs the same,
// but both sides start from the same kind of init so AdamW sees nonzero gradients everywhere.
using var optimizer = optim.AdamW(model.parameters(), lr: 1e-4);
using var latents = randn([config.Batch, config.Model.InChannels, config.Frames, config.LatentSize, config.LatentSize], generator: generator);
using var noise = randn(latents.shape, generator: generator);
using var timesteps = randint(0, 1000, [config.Batch], generator: generator);
using var context = randn([config.Batch, config.TextLength, config.Model.TextDim], generator: generator);
var valid = new bool[config.Batch * config.TextLength];
for (var b = 0; b < config.Batch; b++)
    for (var i = 0; i < config.TextLength; i++)
        valid[b * config.TextLength + i] = i < config.TextLength - 4 * b; // later samples have padded tails
using var mask = tensor(valid, [config.Batch, config.TextLength]);

void Step()
{
    using var scope = NewDisposeScope();
    optimizer.zero_grad();
    var loss = nn.functional.mse_loss(model.forward(latents, timesteps, context, mask), noise);
    loss.backward();
    optimizer.step();
}

(double Wall, double Cpu) OursRound(int steps) => StepTiming.PerStep(Step, steps);

OursRound(config.WarmupSteps);
python.Ask($"steps {config.WarmupSteps}", "ms");

var ours = new List<double>();
var theirs = new List<double>();
var oursCpu = new List<double>();
var theirsCpu = new List<double>();
PairedRatio? paired = null;
for (var round = 0; round < config.MaxRounds; round++)
{
    double[] reply;
    (double Wall, double Cpu) mine;
    if (round % 2 == 0)
    {
        mine = OursRound(config.StepsPerRound);
        reply = python.AskMany($"steps {config.StepsPerRound}", "ms");
    }
    else
    {
        reply = python.AskMany($"steps {config.StepsPerRound}", "ms");
        mine = OursRound(config.StepsPerRound);
    }
    ours.Add(mine.Wall);
    oursCpu.Add(mine.Cpu);
    theirs.Add(reply[0]);
    theirsCpu.Add(reply[1]);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"round {round + 1}: engine {mine.Wall,8:F1} ms/step (cpu {mine.Cpu:F1})   torch {reply[0],8:F1} ms/step (cpu {reply[1]:F1})   ratio {mine.Wall / reply[0]:F3}"));
    if (round + 1 < Math.Max(2, config.Rounds)) continue;
    paired = PairedRatio.Of(ours, theirs);
    if (paired.Value.RelativeHalfWidth <= config.TargetHalfWidth) break;
}
Console.WriteLine($"paired ratio engine/torch: {paired} (target ±{config.TargetHalfWidth:P0})");
Console.WriteLine($"load average at end: {LoadAverage()}");


var engineMs = StepTiming.Median(ours);
var torchMs = StepTiming.Median(theirs);
var summary = new Dictionary<string, object>
{
    ["bench"] = "train-step",
    ["engine_ms"] = Math.Round(engineMs, 2),
    ["torch_ms"] = Math.Round(torchMs, 2),
    ["ratio"] = Math.Round(engineMs / torchMs, 4),
    ["paired_ratio"] = Math.Round(paired!.Value.Mean, 4),
    ["paired_ratio_low"] = Math.Round(paired.Value.Low, 4),
    ["paired_ratio_high"] = Math.Round(paired.Value.High, 4),
    ["rounds"] = paired.Value.Rounds,
    // Other processes only ever add time, so the best rounds are closest to the undisturbed cost.
    ["best_ratio"] = Math.Round(ours.Min() / theirs.Min(), 4),
    ["cpu_ratio"] = Math.Round(StepTiming.Median(oursCpu) / StepTiming.Median(theirsCpu), 4),
    ["size"] = config.Model.Name,
    ["params"] = config.Model.ParameterCount(),
    ["threads"] = config.Threads,
};
Console.WriteLine(JsonSerializer.Serialize(summary));
