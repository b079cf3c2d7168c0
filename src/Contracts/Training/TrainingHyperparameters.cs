namespace MedVid.Contracts.Training;

/// <summary>One tunable value of a training run: its default and the range the API accepts.</summary>
public sealed record HyperparameterDefinition(string Name, double Default, double Min, double Max, bool Integer, string Meaning);

/// <summary>
/// The hyperparameters a training run accepts, shared by the API (which refuses unknown names and values out of range)
/// and the compute host (which fills in the defaults). Defaults follow the papers (docs/training.md, "Recipes").
/// </summary>
public static class TrainingHyperparameters
{
    public static readonly IReadOnlyList<HyperparameterDefinition> All =
    [
        new("lr", 1e-4, 1e-7, 1, false, "peak AdamW learning rate"),
        new("weight_decay", 0, 0, 1, false, "AdamW weight decay"),
        new("warmup_steps", 100, 0, 1_000_000, true, "linear warm-up steps"),
        new("batch_size", 2, 1, 1024, true, "clips per optimizer step"),
        new("grad_clip", 1.0, 0.01, 100, false, "gradient norm clipping threshold"),
        new("ema_decay", 0.9999, 0, 1, false, "decay of the exponential moving average of the weights"),
        new("caption_dropout", 0.1, 0, 1, false, "share of captions replaced by the empty prompt (classifier-free guidance)"),
        new("checkpoint_every", 500, 1, 10_000_000, true, "steps between checkpoints"),
        new("keep_checkpoints", 3, 1, 100, true, "checkpoints kept in blob storage; older ones are deleted"),
        new("seed", 0, 0, int.MaxValue, true, "seed of every random choice of the run"),
        new("frames", 8, 1, 256, true, "frames per training clip"),
        new("resolution", 64, 16, 1024, true, "side of the square training frames in pixels (multiple of 16)"),
        new("fps", 8, 1, 60, false, "frame rate clips are resampled to"),
        new("vae_steps", 0, 0, 10_000_000, true, "VAE pre-training steps when the run has no VAE to start from"),
        new("lora_rank", 32, 1, 1024, true, "LoRA rank (medgen-lora)"),
        new("lora_alpha", 32, 1, 4096, false, "LoRA alpha (medgen-lora)"),
        new("lora_merge", 1, 0, 1, true, "1: merge the LoRA weights into the exported checkpoint; 0: keep them separate"),
        new("joint_images", 2, 0, 64, true, "independent frames appended to each clip (medsora-joint)"),
        new("kl_weight", 1e-6, 0, 1, false, "KL weight of the VAE loss"),
        new("ffl_weight", 0, 0, 100, false, "Focal Frequency Loss weight of the VAE loss (MedSora)"),
        new("sample_steps", 20, 1, 1000, true, "DDIM steps of the sample videos made at each checkpoint"),
        new("pooled_text", 1, 0, 1, true, "1: the mean of the text tokens also drives every block's adaLN (besides cross-attention); 0: cross-attention only"),
        new("number_values", 0, 0, 1, true, "1: each number in a caption also gives its value to the text encoder at its digits, so a count or rate between those seen in training is read between them; 0: digits as tokens only (the default: no gain measured on the phantoms yet, docs/benchmarks-phantoms.md)"),
        new("number_digits", 1, 0, 1, true, "0 (needs number_values 1): a number's digit tokens share one embedding, so the text encoder reads the number by its value alone and cannot use it as the name of one training clip (xVal's single number token); 1: each digit keeps its own embedding"),
        new("loss_weight_cap", 1, 1, 1000, false, "with v_prediction 0, weight of each sample's loss: min(1/alpha_bar_t, cap), the implied x0 error truncated; 1 = plain epsilon loss"),
        new("probe_every", 50, 0, 1_000_000, true, "steps between prompt-effect measurements (0: never)"),
        new("phantom_readout", 0, 0, 1, true, "1: each checkpoint's samples are one per modality, read back with the phantom estimators (metric samples_read_as_prompted); for phantom datasets"),
        new("v_prediction", 1, 0, 1, true, "1: the denoiser predicts v = sqrt(alpha_bar) eps - sqrt(1 - alpha_bar) x0 (the default since the phantom ablation, docs/benchmarks-phantoms.md); 0: it predicts the noise eps"),
        new("zero_terminal_snr", 0, 0, 1, true, "1: the beta schedule is rescaled so the last step is pure noise (needs v_prediction 1; sampling uses trailing timesteps)"),
        new("timestep_logit_std", 0, 0, 4, false, "0: training timesteps drawn uniformly; s > 0: t = T * sigmoid(s * n), n ~ N(0, 1) (SD3's logit-normal), more steps at mid noise where the prompt and x_t decide the video together"),
        new("motion_loss_weight", 1, 1, 16, false, "weight of the part of the diffusion loss that changes from frame to frame (1: the plain loss); > 1 spends more of the model on motion (a beat, a flow) than on appearance, with the same optimum"),
        new("frame_noise_share", 0, 0, 0.99, false, "share of the diffusion noise's variance common to all frames of a clip (the mixed noise prior of Ge et al. 2023); 0: independent noise per frame. Training and sampling use the model's share"),
    ];

    private static readonly Dictionary<string, HyperparameterDefinition> ByName = All.ToDictionary(d => d.Name);

    /// <summary>The problems with <paramref name="values"/>, one sentence each; empty when they are all acceptable.</summary>
    public static IReadOnlyList<string> Validate(IReadOnlyDictionary<string, double>? values)
    {
        var problems = new List<string>();
        foreach (var (name, value) in values ?? new Dictionary<string, double>())
        {
            if (!ByName.TryGetValue(name, out var definition))
            {
                problems.Add($"Unknown hyperparameter '{name}'; known: {string.Join(", ", ByName.Keys)}.");
                continue;
            }
            if (!double.IsFinite(value) || value < definition.Min || value > definition.Max)
                problems.Add($"Hyperparameter '{name}' must be between {definition.Min} and {definition.Max}.");
            else if (definition.Integer && value != Math.Floor(value))
                problems.Add($"Hyperparameter '{name}' must be a whole number.");
        }
        if (values is not null && values.TryGetValue("resolution", out var side) && side % 16 != 0)
            problems.Add("Hyperparameter 'resolution' must be a multiple of 16.");
        if (Get(values, "zero_terminal_snr") == 1 && Get(values, "v_prediction") != 1)
            problems.Add("Hyperparameter 'zero_terminal_snr' 1 needs 'v_prediction' 1: the noise alone cannot give the clean video at pure noise.");
        if (Get(values, "number_digits") == 0 && Get(values, "number_values") != 1)
            problems.Add("Hyperparameter 'number_digits' 0 needs 'number_values' 1: without their digits the numbers are read by their values alone.");
        if (Get(values, "v_prediction") == 1 && Get(values, "loss_weight_cap") != 1)
            problems.Add("Hyperparameter 'loss_weight_cap' applies to noise prediction only: set 'v_prediction' 0 to use it.");
        return problems;
    }

    /// <summary>The value of <paramref name="name"/>: the given one, else the default.</summary>
    public static double Get(IReadOnlyDictionary<string, double>? values, string name) =>
        values is not null && values.TryGetValue(name, out var value) ? value : ByName[name].Default;

    public static int GetInt(IReadOnlyDictionary<string, double>? values, string name) => checked((int)Get(values, name));
}
