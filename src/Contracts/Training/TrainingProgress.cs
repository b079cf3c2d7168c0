namespace MedVid.Contracts.Training;

/// <summary>
/// What a training host reports as a run trains: the stage and the step within it (steps count from 1 again in the
/// diffusion stage after a VAE stage), the stored checkpoint this attempt continues from, and the run's named
/// measurements (loss, lr, samples_per_s, grad_norm, eta_s, prompt effect, phantom read-out), which the run page draws
/// by name.
/// </summary>
public sealed record TrainingProgress(string Stage, long Step, long? ResumedFromStep, IReadOnlyDictionary<string, double> Measurements)
{
    /// <summary>The names the step, stage and resumption take among a run's metrics (its history and charts).</summary>
    public const string StepMetric = "step";
    public const string StageVaeMetric = "stage_vae";
    public const string ResumedFromStepMetric = "resumed_from_step";

    /// <summary>The run's metrics: the measurements with the step, the stage (1 during the VAE stage) and the resumption.</summary>
    public IReadOnlyDictionary<string, double> ToMetrics()
    {
        var metrics = new Dictionary<string, double>(Measurements)
        {
            [StepMetric] = Step,
            [StageVaeMetric] = Stage == TrainingStages.Vae ? 1 : 0,
        };
        if (ResumedFromStep is { } from) metrics[ResumedFromStepMetric] = from;
        return metrics;
    }

    /// <summary>The stage a point of a run's metric history belongs to.</summary>
    public static string StageOf(IReadOnlyDictionary<string, double> metrics) =>
        metrics.GetValueOrDefault(StageVaeMetric) == 1 ? TrainingStages.Vae : TrainingStages.Diffusion;
}
