namespace MedVid.Contracts.Training;

/// <summary>
/// The stages of a training run and their step counts. This is the one place that decides whether a run trains a VAE
/// before its diffusion model: the run grain (the step and progress it shows) and the compute host (what it trains, and
/// what it reports) both ask it, from the same inputs, at the start and when a run is resumed.
/// </summary>
/// <param name="VaeSteps">Steps of the VAE stage; 0 when the run has none.</param>
/// <param name="DiffusionSteps">Steps of the diffusion stage; 0 for the recipe that trains only a VAE.</param>
public sealed record TrainingStages(long VaeSteps, long DiffusionSteps)
{
    public const string Vae = "vae";
    public const string Diffusion = "diffusion";

    /// <summary>The recipe that trains the autoencoder alone (its checkpoint can be another run's VAE).</summary>
    public const string AutoencoderRecipe = "vae";

    /// <param name="startsFromTrainedVae">The run starts from a base run or a VAE run, so its autoencoder is already trained.</param>
    public static TrainingStages For(string recipe, bool startsFromTrainedVae, IReadOnlyDictionary<string, double>? hyperparameters, long totalSteps)
    {
        if (recipe == AutoencoderRecipe) return new TrainingStages(totalSteps, 0);
        if (startsFromTrainedVae) return new TrainingStages(0, totalSteps);
        var vaeSteps = TrainingHyperparameters.GetInt(hyperparameters, "vae_steps");
        return new TrainingStages(vaeSteps > 0 ? vaeSteps : totalSteps, totalSteps);
    }

    public bool HasVaeStage => VaeSteps > 0;

    public string FirstStage => HasVaeStage ? Vae : Diffusion;

    public string LastStage => DiffusionSteps > 0 ? Diffusion : Vae;

    public long StepsOf(string stage) => stage == Vae ? VaeSteps : DiffusionSteps;

    /// <summary>Whether step <paramref name="step"/> of <paramref name="stage"/> comes after <paramref name="otherStep"/> of <paramref name="otherStage"/>.</summary>
    public static bool IsAfter(string stage, long step, string otherStage, long otherStep) =>
        (Rank(stage), step).CompareTo((Rank(otherStage), otherStep)) > 0;

    /// <summary>The share of the whole run done after <paramref name="step"/> steps of <paramref name="stage"/> (0 to 1).</summary>
    public double Fraction(string stage, long step)
    {
        var done = stage == Vae ? step : VaeSteps + step;
        return Math.Clamp((double)done / Math.Max(1, VaeSteps + DiffusionSteps), 0, 1);
    }

    private static int Rank(string stage) => stage == Vae ? 0 : 1;
}
