using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MedVid.GpuBench;

/// <summary>The side-by-side table and the JSON summary line (written with Utf8JsonWriter: a trimmed publish has no reflection-based serializer).</summary>
internal static class Report
{
    public static string Table(IReadOnlyList<TrainResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine(Row("size", "engine", "params", "ms/step", "samples/s", "tokens/s", "TFLOP/s", "MFU", "TorchSharp/PyTorch"));
        foreach (var group in results.GroupBy(r => r.Size.Name))
        {
            var pytorch = group.Single(r => r.Engine == "pytorch");
            foreach (var r in group)
                text.AppendLine(Row(r.Size.Name, r.Engine, F(r.Parameters), F(r.MsPerStep, "F1"), F(r.SamplesPerSecond, "F2"), F(r.TokensPerSecond, "F0"),
                    F(r.AchievedTflops, "F3"), r.Mfu is { } mfu ? F(mfu, "P1") : "n/a",
                    r.Engine == "torchsharp" ? F(r.MsPerStep / pytorch.MsPerStep, "F3") : ""));
        }
        return text.ToString();
    }

    public static string Json(BenchOptions options, string? deviceName, IReadOnlyList<ParityCheck> parity, IReadOnlyList<TrainResult> results)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("bench", "gpu");
            json.WriteString("device", options.Device);
            json.WriteString("device_name", deviceName);
            json.WriteString("dtype", options.Dtype);
            json.WriteStartObject("shape");
            json.WriteNumber("batch", options.Shape.Batch);
            json.WriteNumber("frames", options.Shape.Frames);
            json.WriteNumber("latent", options.Shape.Latent);
            json.WriteNumber("text", options.Shape.Text);
            json.WriteEndObject();
            json.WriteStartObject("parity");
            json.WriteString("reference", "cpu float64");
            json.WriteString("candidate", $"{options.Device} float32");
            json.WriteStartArray("checks");
            foreach (var check in parity)
            {
                json.WriteStartObject();
                json.WriteString("name", check.Name);
                Number(json, "rel_err", check.RelativeError);
                json.WriteNumber("tolerance", check.Tolerance);
                json.WriteBoolean("passed", check.Passed);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteBoolean("passed", parity.All(c => c.Passed));
            json.WriteEndObject();
            json.WriteStartArray("train_step");
            foreach (var r in results)
            {
                json.WriteStartObject();
                json.WriteString("size", r.Size.Name);
                json.WriteString("engine", r.Engine);
                json.WriteNumber("params", r.Parameters);
                json.WriteNumber("ms_per_step", Math.Round(r.MsPerStep, 3));
                json.WriteNumber("samples_per_s", Math.Round(r.SamplesPerSecond, 3));
                json.WriteNumber("tokens_per_s", Math.Round(r.TokensPerSecond, 1));
                json.WriteNumber("tflops", Math.Round(r.AchievedTflops, 4));
                if (r.Mfu is { } mfu) json.WriteNumber("mfu", Math.Round(mfu, 4));
                else json.WriteNull("mfu");
                if (r.PeakTflops is { } peak) json.WriteNumber("peak_tflops", peak);
                else json.WriteNull("peak_tflops");
                Number(json, "final_loss", r.FinalLoss);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartObject("ratio_torchsharp_over_pytorch");
            foreach (var group in results.GroupBy(r => r.Size.Name))
                json.WriteNumber(group.Key, Math.Round(group.Single(r => r.Engine == "torchsharp").MsPerStep / group.Single(r => r.Engine == "pytorch").MsPerStep, 4));
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>JSON has no NaN: a non-finite value is written as null (and has already failed its check).</summary>
    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value)) json.WriteNumber(name, value);
        else json.WriteNull(name);
    }

    private static string Row(params string[] cells) =>
        string.Join("  ", cells.Select((c, i) => i < 2 ? c.PadRight(10) : c.PadLeft(i == 8 ? 18 : 11)));

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string F(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
