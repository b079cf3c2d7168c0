namespace MedVid.EngineBench;

/// <summary>The benchmark's shape and schedule; the python side receives the same values.</summary>
internal sealed record BenchConfig(int Blocks, int Width, int Heads, int Sequence, int Batch, int StepsPerRound, int Rounds, int WarmupSteps, int Threads)
{
    public static BenchConfig Parse(string[] args)
    {
        int Get(string name, int fallback)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
        }
        return new BenchConfig(Get("blocks", 4), Get("width", 256), Get("heads", 4), Get("seq", 256), Get("batch", 8),
            Get("steps", 2), Get("rounds", 10), Get("warmup", 1), Get("threads", Environment.ProcessorCount));
    }

    public string PeerArgs =>
        $"--blocks {Blocks} --width {Width} --heads {Heads} --seq {Sequence} --batch {Batch} --threads {Threads}";
}
