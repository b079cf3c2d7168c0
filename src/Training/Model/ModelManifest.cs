using System.Text.Json;
using System.Text.Json.Serialization;
using MedVid.Diffusion;
using MedVid.Models.Text;

namespace MedVid.Training.Model;

/// <summary>LoRA settings of a checkpoint: adapters are trained on a frozen base; Merged says whether export folded them in.</summary>
public sealed record LoraSettings(int Rank, double Alpha, bool MergeOnExport);

/// <summary>
/// model.json of a checkpoint: what to build before loading its weights, and the clip shape it was trained on.
/// With tokenizer.json next to it a checkpoint folder is self-contained: generation needs nothing else.
/// <see cref="PooledText"/> is absent (false) in checkpoints written before the pooled-text path existed;
/// <see cref="PredictionType"/> (epsilon) and <see cref="ZeroTerminalSnr"/> (false) are absent in checkpoints written before
/// v-prediction: what the network outputs and the schedule it was trained on, which sampling must use as well.
/// <see cref="NumberValues"/> is absent (false) in checkpoints written before the text encoder read the numbers' values;
/// <see cref="FrameNoiseShare"/> (0) in checkpoints written before the noise could be shared across frames;
/// <see cref="NumberDigits"/> (true) in checkpoints written before digit tokens could be read by value alone.
/// </summary>
public sealed record ModelManifest(string Size, string Recipe, int Frames, int Resolution, double Fps, LoraSettings? Lora, bool PooledText = false,
    PredictionType PredictionType = PredictionType.Epsilon, bool ZeroTerminalSnr = false, bool NumberValues = false, double FrameNoiseShare = 0,
    bool NumberDigits = true)
{
    /// <summary>The noise schedule the model was trained on (derived, so not written to model.json).</summary>
    [JsonIgnore]
    public NoiseScheduleConfig Schedule => new(ZeroTerminalSnr: ZeroTerminalSnr, FrameNoiseShare: FrameNoiseShare);

    /// <summary>The model size this checkpoint's weights fit (derived, so not written to model.json).</summary>
    [JsonIgnore]
    public ModelSize ModelSize => ModelSizes.Get(Size).WithTextPaths(PooledText, NumberValues, NumberDigits);

    public const string FileName = "model.json";
    public const string TokenizerFileName = "tokenizer.json";

    /// <summary>Written only by a LoRA run's checkpoints: the adapter weights alone (MedGen's separate export).</summary>
    public const string AdaptersFileName = "adapters.safetensors";

    /// <summary>Written by a LoRA run with merge-on-export: EMA weights with the adapters folded in.</summary>
    public const string MergedFileName = "merged.safetensors";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public void Write(string folder, CaptionTokenizer tokenizer)
    {
        File.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, Json));
        tokenizer.Save(Path.Combine(folder, TokenizerFileName));
    }

    public static (ModelManifest Manifest, CaptionTokenizer Tokenizer) Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) throw new InvalidDataException($"{folder} is not a MedVid model checkpoint (no {FileName}).");
        var manifest = JsonSerializer.Deserialize<ModelManifest>(File.ReadAllText(path), Json)
            ?? throw new InvalidDataException($"{path} is empty.");
        return (manifest, CaptionTokenizer.Load(Path.Combine(folder, TokenizerFileName)));
    }
}
