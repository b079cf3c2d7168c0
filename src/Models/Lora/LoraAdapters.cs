using static TorchSharp.torch;

namespace MedVid.Models.Lora;

/// <summary>
/// Attaches, merges, exports and loads LoRA adapters on any module tree whose target layers are
/// <see cref="AdaptableLinear"/>s, selected by dotted-name pattern.
/// </summary>
public static class LoraAdapters
{
    /// <summary>
    /// Freezes every parameter of <paramref name="model"/>, then attaches a trainable adapter to
    /// each AdaptableLinear whose name matches a target pattern. Returns the adapted layer names.
    /// Throws when a pattern matches nothing or matches a layer that cannot carry an adapter.
    /// </summary>
    public static IReadOnlyList<string> Attach(nn.Module model, LoraConfig config, Generator? generator = null)
    {
        var patterns = config.Targets.Select(p => new NamePattern(p)).ToList();
        var targets = new List<(string Name, AdaptableLinear Layer)>();
        foreach (var pattern in patterns)
        {
            var matched = model.named_modules().Where(m => pattern.MatchesExactly(m.name)).ToList();
            if (matched.Count == 0) throw new ArgumentException($"LoRA target '{pattern}' matches no module of {model.GetName()}");
            foreach (var (name, module) in matched)
            {
                if (module is not AdaptableLinear layer)
                    throw new ArgumentException($"LoRA target '{name}' is a {module.GetName()}, not an {nameof(AdaptableLinear)}");
                if (!targets.Any(t => ReferenceEquals(t.Layer, layer))) targets.Add((name, layer));
            }
        }
        model.requires_grad_(false);
        foreach (var (_, layer) in targets) layer.AttachLora(config.Rank, config.Alpha, generator);
        return targets.Select(t => t.Name).ToList();
    }

    /// <summary>Folds every adapter into its base weight and removes it; returns how many were merged.</summary>
    public static int Merge(nn.Module model)
    {
        var layers = Adapted(model).ToList();
        foreach (var (_, layer) in layers) layer.MergeLora();
        return layers.Count;
    }

    /// <summary>The adapters only (lora_A / lora_B by full name): what to save as an adapter file.</summary>
    public static Dictionary<string, Tensor> AdapterStateDict(nn.Module model) =>
        model.state_dict().Where(kv => IsAdapterKey(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value);

    /// <summary>
    /// Metadata to store beside the adapter tensors (safetensors header), so a loader knows the
    /// scale: the rank is in the tensor shapes, alpha is not.
    /// </summary>
    public static Dictionary<string, string> AdapterMetadata(LoraConfig config) => new()
    {
        ["format"] = "medvid-lora",
        ["rank"] = config.Rank.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["alpha"] = config.Alpha.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        ["targets"] = string.Join(",", config.Targets),
    };

    /// <summary>
    /// Copies saved adapter weights into a model that has adapters attached with the same config.
    /// Every key must be an adapter key of the model and every adapter must be covered.
    /// </summary>
    public static void LoadAdapterStateDict(nn.Module model, IReadOnlyDictionary<string, Tensor> adapters)
    {
        var own = AdapterStateDict(model);
        var missing = own.Keys.Where(k => !adapters.ContainsKey(k)).ToList();
        var unexpected = adapters.Keys.Where(k => !own.ContainsKey(k)).ToList();
        if (missing.Count > 0 || unexpected.Count > 0)
            throw new ArgumentException($"adapter mismatch: missing [{string.Join(", ", missing)}], unexpected [{string.Join(", ", unexpected)}]");
        model.load_state_dict(new Dictionary<string, Tensor>(adapters), strict: false);
    }

    public static bool IsAdapterKey(string key) =>
        key.EndsWith("." + AdaptableLinear.LoraA, StringComparison.Ordinal) || key.EndsWith("." + AdaptableLinear.LoraB, StringComparison.Ordinal);

    private static IEnumerable<(string Name, AdaptableLinear Layer)> Adapted(nn.Module model) =>
        model.named_modules().Where(m => m.module is AdaptableLinear { HasAdapter: true }).Select(m => (m.name, (AdaptableLinear)m.module));
}
