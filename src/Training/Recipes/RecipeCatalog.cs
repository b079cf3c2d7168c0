using MedVid.Contracts.Training;

namespace MedVid.Training.Recipes;

/// <summary>The recipes of the papers (docs/training.md, "Recipes") by name; the names match the API's list.</summary>
public static class RecipeCatalog
{
    /// <summary>Bora stage 1 freezes temporal attention so that only spatial/cross-modal alignment is learnt.</summary>
    public const string TemporalAttentionPattern = "dit.blocks.*.attn_temp";

    public static readonly IReadOnlyList<RecipePlan> All =
    [
        new(TrainingVocabulary.Autoencoder, TrainingTarget.Autoencoder, ClipSubset.All, null, [], false, false,
            "MedSora 3.2: per-frame KL autoencoder (L1 + KL, Focal Frequency Loss optional)"),
        new(TrainingVocabulary.Standard, TrainingTarget.Diffusion, ClipSubset.All, null, [], false, false,
            "latent diffusion on the version's captions, everything trained"),
        new(TrainingVocabulary.BoraModalAlignment, TrainingTarget.Diffusion, ClipSubset.All, "This is a {modality} video.", [TemporalAttentionPattern], false, false,
            "Bora 4.2 stage 1: modal alignment, temporal attention frozen, captions 'This is a {modality} video.'"),
        new(TrainingVocabulary.BoraInstructionTuning, TrainingTarget.Diffusion, ClipSubset.All, null, [], false, false,
            "Bora 4.2 stage 2: instruction tuning on the detailed captions, everything unfrozen"),
        new(TrainingVocabulary.OphoraTransferPretraining, TrainingTarget.Diffusion, ClipSubset.All, null, [], false, false,
            "Ophora 2: transfer pre-training on the whole curated set"),
        new(TrainingVocabulary.OphoraPrivacyFinetuning, TrainingTarget.Diffusion, ClipSubset.PrivacyFiltered, null, [], false, false,
            "Ophora 2: fine-tuning on the privacy-filtered subset"),
        new(TrainingVocabulary.MedGenLora, TrainingTarget.Diffusion, ClipSubset.All, null, [], true, false,
            "MedGen: LoRA rank 32, alpha 32 on the attention projections of a trained base"),
        new(TrainingVocabulary.MedSoraJoint, TrainingTarget.Diffusion, ClipSubset.All, null, [], false, true,
            "MedSora 3.4: image-video joint training, independent frames appended to each clip"),
    ];

    public static RecipePlan Get(string name) =>
        All.FirstOrDefault(r => r.Name == name)
        ?? throw new ArgumentException($"Unknown recipe '{name}'; known: {string.Join(", ", All.Select(r => r.Name))}.", nameof(name));
}
