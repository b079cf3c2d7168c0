using MedVid.Contracts.Training;

namespace MedVid.Training.Recipes;

/// <summary>Which clips of a dataset version a recipe trains on.</summary>
public enum ClipSubset
{
    /// <summary>Every training-split clip.</summary>
    All,

    /// <summary>Only clips the privacy filter measured and found free of overlaid text (Ophora's fine-tuning set).</summary>
    PrivacyFiltered,
}

/// <summary>What the model is trained as.</summary>
public enum TrainingTarget
{
    /// <summary>The per-frame autoencoder alone (L1 + KL, optional Focal Frequency Loss).</summary>
    Autoencoder,

    /// <summary>The text-conditioned latent denoiser (and text encoder) over a frozen autoencoder.</summary>
    Diffusion,
}

/// <summary>
/// A paper's training recipe as configuration: what is trained, on which clips, with which captions, which parameters
/// are frozen, and whether LoRA adapters or extra image frames are used. Plain data; the trainer interprets it.
/// </summary>
/// <param name="Name">The recipe name a run names.</param>
/// <param name="Target">Autoencoder or diffusion.</param>
/// <param name="Subset">The clips used.</param>
/// <param name="CaptionTemplate">When set, every clip's caption becomes this text with {modality} filled in (Bora's modal alignment).</param>
/// <param name="FrozenParameterPatterns">Name patterns (dotted globs like "dit.blocks.*.attn_temp", see MedVid.Models.NamePattern) of parameters kept frozen.</param>
/// <param name="UsesLora">MedGen: base weights frozen, LoRA adapters on the attention projections trained.</param>
/// <param name="UsesJointImages">MedSora: independent frames from other clips appended to each clip.</param>
/// <param name="Source">The paper and section the recipe follows.</param>
public sealed record RecipePlan(
    string Name,
    TrainingTarget Target,
    ClipSubset Subset,
    string? CaptionTemplate,
    IReadOnlyList<string> FrozenParameterPatterns,
    bool UsesLora,
    bool UsesJointImages,
    string Source)
{
    /// <summary>The recipe continues a trained model (the API asks for baseRunId).</summary>
    public bool RequiresBase => TrainingVocabulary.RequiresBase(Name);

    /// <summary>The caption a clip trains with under this recipe.</summary>
    public string CaptionFor(string caption, string modality) =>
        CaptionTemplate is null ? caption : CaptionTemplate.Replace("{modality}", modality, StringComparison.Ordinal);
}
