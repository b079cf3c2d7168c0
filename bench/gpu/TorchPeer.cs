using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MedVid.Models.Dit;

namespace MedVid.GpuBench;

/// <summary>What stdit_torch.py reports for one size: its parameter count and its timed step.</summary>
internal sealed record TorchResult(string TorchVersion, long Parameters, double MsPerStep, double FinalLoss);

/// <summary>Runs the same training step in PyTorch (stdit_torch.py, one process per size) and reads its JSON line.</summary>
internal static class TorchPeer
{
    public static TorchResult Run(BenchOptions options, DitConfig config)
    {
        var start = new ProcessStartInfo(options.Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        var arguments = new (string Name, object Value)[]
        {
            ("hidden", config.Hidden), ("depth", config.Depth), ("heads", config.Heads), ("text-dim", config.TextDim),
            ("channels", config.InChannels), ("patch", config.PatchH), ("mlp-ratio", config.MlpRatio),
            ("frequency-dim", config.FrequencyDim), ("batch", options.Shape.Batch), ("frames", options.Shape.Frames),
            ("latent", options.Shape.Latent), ("text", options.Shape.Text), ("device", options.Device), ("dtype", options.Dtype),
            ("warmup", options.Warmup), ("steps", options.Steps), ("threads", options.Threads),
        };
        start.ArgumentList.Add(options.TorchScript);
        foreach (var (name, value) in arguments)
        {
            start.ArgumentList.Add("--" + name);
            start.ArgumentList.Add(Convert.ToString(value, CultureInfo.InvariantCulture)!);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {options.Python}");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var last = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        if (process.ExitCode != 0 || last is null)
            throw new InvalidOperationException($"{options.Python} {options.TorchScript} failed (exit {process.ExitCode}):\n{stdout}{stderr.Result}");
        using var json = JsonDocument.Parse(last);
        var root = json.RootElement;
        return new TorchResult(root.GetProperty("torch").GetString()!, root.GetProperty("params").GetInt64(),
            root.GetProperty("ms_per_step").GetDouble(), root.GetProperty("loss").GetDouble());
    }
}
