namespace MedVid.Contracts.Training;

/// <summary>
/// The names a training run is asked for with: recipes (docs/training.md, "Recipes") and model sizes. The API validates
/// against these lists and the trainer's catalogs are keyed by them (a test keeps the two in step), so a name is added
/// here first.
/// </summary>
public static class TrainingVocabulary
{
    public const string Autoencoder = TrainingStages.AutoencoderRecipe;
    public const string Standard = "standard";
    public const string BoraModalAlignment = "bora-modal-alignment";
    public const string BoraInstructionTuning = "bora-instruction-tuning";
    public const string OphoraTransferPretraining = "ophora-transfer-pretraining";
    public const string OphoraPrivacyFinetuning = "ophora-privacy-finetuning";
    public const string MedGenLora = "medgen-lora";
    public const string MedSoraJoint = "medsora-joint";

    /// <summary>Every recipe, in the order forms list them (the first is the default).</summary>
    public static readonly IReadOnlyList<string> Recipes =
        [Autoencoder, Standard, BoraModalAlignment, BoraInstructionTuning, OphoraTransferPretraining, OphoraPrivacyFinetuning, MedGenLora, MedSoraJoint];

    /// <summary>Recipes that continue a trained model and so need a base run.</summary>
    public static readonly IReadOnlySet<string> FineTuningRecipes = new HashSet<string> { BoraInstructionTuning, OphoraPrivacyFinetuning, MedGenLora };

    public static bool RequiresBase(string recipe) => FineTuningRecipes.Contains(recipe);

    public const string Tiny = "tiny";
    public const string Tiny4x = "tiny-4x";
    public const string Mini4x = "mini-4x";
    public const string Small = "small";
    public const string MedSoraS = "medsora-s";
    public const string Xl = "xl";

    /// <summary>Named sizes of the whole text-to-video model (docs/models.md), smallest first.</summary>
    public static readonly IReadOnlyList<string> ModelSizes = [Tiny, Tiny4x, Mini4x, Small, MedSoraS, Xl];
}

/// <summary>The samplers and DDIM timestep spacings a generation job may ask for; the first of each is the default.</summary>
public static class SamplingVocabulary
{
    public const string Ddim = "ddim";
    public const string Ddpm = "ddpm";
    public const string Leading = "leading";
    public const string Trailing = "trailing";

    public static readonly IReadOnlyList<string> Samplers = [Ddim, Ddpm];
    public static readonly IReadOnlyList<string> Spacings = [Leading, Trailing];
}
