using System.Globalization;
using MedVid.Models.Dit;

namespace MedVid.GpuBench;

/// <summary>
/// What to run and on what. Defaults follow the device: on CUDA a realistic batch in bf16 (16 frames of 32×32
/// latents), on the CPU a smoke run in float32 (bf16 kernels on CPUs are slow and prove nothing about a GPU).
/// </summary>
internal sealed record BenchOptions(
    string Device, IReadOnlyList<DitConfig> Sizes, string Dtype, BatchShape Shape, int Warmup, int Steps, int Threads,
    double? PeakTflops, string? GpuName, string Python, string TorchScript, string? TorchLibDir, string? LibTorchSharp)
{
    public bool Cuda => Device == "cuda";

    public static BenchOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>();
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                throw new ArgumentException($"expected --name value pairs, got '{args[i]}'");
            values[args[i][2..]] = args[i + 1];
        }
        string? Text(string name) => values.Remove(name, out var v) ? v : null;
        int Int(string name, int fallback) => Text(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

        var device = Text("device") ?? "cuda";
        if (device is not ("cuda" or "cpu")) throw new ArgumentException($"--device must be cuda or cpu, not '{device}'");
        var cuda = device == "cuda";
        var dtype = Text("dtype") ?? (cuda ? "bf16" : "float32");
        if (dtype is not ("bf16" or "float32")) throw new ArgumentException($"--dtype must be bf16 or float32, not '{dtype}'");
        var sizes = (Text("sizes") ?? "small,medsora-s").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(DitSizes.Get).ToArray();
        var shape = new BatchShape(Int("batch", cuda ? 8 : 2), Int("frames", cuda ? 16 : 4), Int("latent", cuda ? 32 : 8), Int("text", cuda ? 64 : 16));
        var options = new BenchOptions(device, sizes, dtype, shape, Int("warmup", cuda ? 5 : 1), Int("steps", cuda ? 20 : 2),
            Int("threads", Environment.ProcessorCount),
            Text("peak-tflops") is { } peak ? double.Parse(peak, CultureInfo.InvariantCulture) : null,
            Text("gpu-name"),
            Text("python") ?? "python3",
            Text("torch-script") ?? Path.Combine(AppContext.BaseDirectory, "stdit_torch.py"),
            Text("torch-lib"), Text("libtorchsharp"));
        if (values.Count > 0) throw new ArgumentException($"unknown options: {string.Join(", ", values.Keys.Select(k => "--" + k))}");
        return options;
    }
}

/// <summary>The training batch: latents [Batch, 4, Frames, Latent, Latent] and Text caption tokens per sample.</summary>
internal sealed record BatchShape(int Batch, int Frames, int Latent, int Text)
{
    public long VideoTokensPerSample(DitConfig config) =>
        (long)(Frames / config.PatchT) * (Latent / config.PatchH) * (Latent / config.PatchW);

    public override string ToString() => $"{Batch} x {Frames} frames of {Latent}x{Latent} latents, {Text} caption tokens";
}
