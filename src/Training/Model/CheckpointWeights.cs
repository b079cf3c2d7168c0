using MedVid.Diffusion.Checkpoints;
using MedVid.Engine.Serialization;
using MedVid.Models.Lora;
using static TorchSharp.torch;

namespace MedVid.Training.Model;

/// <summary>Loads the weights a checkpoint folder offers for use (generation, fine-tuning): EMA where there is one.</summary>
public static class CheckpointWeights
{
    /// <summary>
    /// The weights to build on, in the caller's dispose scope: merged.safetensors of a merged LoRA export, else
    /// model.safetensors with its EMA averages laid over (ema.safetensors, when present). A LoRA checkpoint exported
    /// unmerged also holds adapter weights, which need <see cref="BuildForInference"/>.
    /// </summary>
    public static Dictionary<string, Tensor> Load(string folder)
    {
        var merged = Path.Combine(folder, ModelManifest.MergedFileName);
        if (File.Exists(merged)) return SafeTensors.Load(merged);
        var weights = SafeTensors.Load(Path.Combine(folder, CheckpointInfo.ModelFile));
        var ema = Path.Combine(folder, CheckpointInfo.EmaFile);
        if (File.Exists(ema))
            foreach (var (name, value) in SafeTensors.Load(ema))
                if (name != "step") weights[name] = value;
        return weights;
    }

    /// <summary>Builds the model a checkpoint describes, with its LoRA adapters attached when they were kept separate.</summary>
    public static TextToVideoModel BuildForInference(string folder, Device? device = null)
    {
        var (manifest, tokenizer) = ModelManifest.Read(folder);
        var model = new TextToVideoModel(manifest.ModelSize, tokenizer) { Prediction = manifest.PredictionType, Schedule = manifest.Schedule };
        try
        {
            using var scope = NewDisposeScope();
            if (manifest.Lora is { } lora && !File.Exists(Path.Combine(folder, ModelManifest.MergedFileName)))
                LoraAdapters.Attach(model.dit, new LoraConfig(lora.Rank, lora.Alpha));
            model.load_state_dict(Load(folder));
            model.to(device ?? CPU);
            model.eval();
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }
}
