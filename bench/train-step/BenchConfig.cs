using System.Globalization;
using MedVid.Models.Dit;

namespace MedVid.TrainStepBench;

/// <summary>The benchmark's model size, input shape and schedule; the python side receives the same values.</summary>
internal sealed record BenchConfig(DitConfig Model, int Batch, int Frames, int LatentSize, int TextLength, int StepsPerRound, int Rounds, int MaxRounds, double TargetHalfWidth, int WarmupSteps, int Threads)
{
    public static BenchConfig Parse(string[] args)
    {
        string? Text(string name)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
        int Get(string name, int fallback) => Text(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        // At least `rounds` rounds, then more (up to max-rounds) until the paired ratio's 95%
        // interval is within ±target of its mean.
        return new BenchConfig(DitSizes.Get(Text("size") ?? "small"), Get("batch", 2), Get("frames", 8), Get("latent", 16), Get("text", 32),
            Get("steps", 3), Get("rounds", 6), Get("max-rounds", 40),
            Text("target") is { } t ? double.Parse(t, CultureInfo.InvariantCulture) : 0.03,
            Get("warmup", 1), Get("threads", Environment.ProcessorCount));
    }

    public string PeerArgs => string.Create(CultureInfo.InvariantCulture,
        $"--hidden {Model.Hidden} --depth {Model.Depth} --heads {Model.Heads} --text-dim {Model.TextDim} --channels {Model.InChannels} " +
        $"--batch {Batch} --frames {Frames} --latent {LatentSize} --text {TextLength} --threads {Threads}");
}
