using MedVid.Contracts.Training;
using MedVid.Diffusion.Checkpoints;
using MedVid.Diffusion.Training;
using MedVid.Training.Probes;
using MedVid.Training.Data;
using MedVid.Training.Recipes;

namespace MedVid.Training.Runs;

/// <summary>
/// Everything a run needs on local disk: its clips, the checkpoint folders it starts from, and where to write.
/// <paramref name="CheckpointRoot"/> may already hold checkpoints of this run (a re-dispatched run resumes from them).
/// </summary>
public sealed record RunInputs(
    RecipePlan Recipe, string ModelSize, RunSettings Settings, IReadOnlyList<TrainingClip> Clips, string CheckpointRoot,
    string? BaseCheckpointFolder, string? VaeCheckpointFolder)
{
    /// <summary>Where the model trains (a GPU the run was placed on, else the CPU); clips and latents stay in host memory.</summary>
    public torch.Device Device { get; init; } = torch.CPU;

    /// <summary>Signalled when the run must give back its GPUs: it checkpoints after the current step and stops (<see cref="RunPreemptedException"/>).</summary>
    public CancellationToken Preemption { get; init; }

    /// <summary>Decoded clips shared with other runs in this process over the same clips; without it the run decodes its own.</summary>
    public DecodedClipCache? ClipCache { get; init; }

    /// <summary>The run's stages, decided like the run grain decides them (a base or VAE run means no VAE stage).</summary>
    public TrainingStages Stages =>
        TrainingStages.For(Recipe.Name, BaseCheckpointFolder is not null || VaeCheckpointFolder is not null, Settings.Values, Settings.TotalSteps);
}

/// <summary>What a run tells the outside world while it trains.</summary>
public interface IRunObserver
{
    /// <summary>After each optimizer step. <paramref name="stage"/> is <see cref="TrainingStages.Vae"/> or <see cref="TrainingStages.Diffusion"/>; steps count from 1 in each.</summary>
    void StepCompleted(string stage, TrainingReport report, long totalSteps, double etaSeconds);

    /// <summary>After every <c>probe_every</c> diffusion steps: how much the text changes the predicted noise.</summary>
    void PromptEffectMeasured(long step, PromptEffect effect);

    /// <summary>After a checkpoint folder is complete (weights, model.json, tokenizer, sample videos): upload it.</summary>
    Task CheckpointSavedAsync(CheckpointInfo checkpoint, IReadOnlyList<string> sampleVideos, CancellationToken ct);

    /// <summary>
    /// The VAE stage of a diffusion run saved a checkpoint (under <see cref="TrainingRunner.VaeStageFolder"/>) to resume
    /// that stage from; it is not one of the run's checkpoints.
    /// </summary>
    Task VaeStageCheckpointSavedAsync(CheckpointInfo checkpoint, CancellationToken ct);
}
