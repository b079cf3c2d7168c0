using MedVid.Contracts;
using MedVid.Grains.Abstractions;
using MedVid.Grains.Datasets;
using MedVid.Grains.Teams;
using MedVid.Grains.Training;
using Orleans;

namespace MedVid.Grains.Exports;

/// <summary>Checks and resolves the model of an export: the team's training run and the checkpoint it names.</summary>
public static class ExportSources
{
    /// <summary>
    /// Refuses another team's run like an unknown one, and a named checkpoint the run did not keep. "Newest checkpoint"
    /// is accepted for a run that is still training: it is resolved when each export run starts.
    /// </summary>
    public static async Task RequireAsync(IGrainFactory grains, Guid teamId, ExportSource source)
    {
        var view = await OfTeamAsync(grains.GetGrain<ITrainingRunGrain>(source.TrainingRunId).GetAsync, v => v.TeamId, teamId,
            "The training run of source.trainingRunId does not exist.");
        if (source.CheckpointStep is { } step && view.Checkpoints.All(c => c.Step != step))
            throw new InvalidGrainArgumentException(view.Checkpoints.Count == 0
                ? $"Unknown checkpoint: the training run has no checkpoint at step {step} (it kept none yet)."
                : $"Unknown checkpoint: the training run has no checkpoint at step {step}; kept: {string.Join(", ", view.Checkpoints.Select(c => c.Step))}.");
    }

    /// <summary>
    /// Refuses a synthetic dataset of another team like an unknown one, and a base version the dataset does not have.
    /// Returns the base version's manifest blob (null without a base version, or without a synthetic version at all).
    /// </summary>
    public static async Task<string?> RequireSyntheticDatasetAsync(IGrainFactory grains, Guid teamId, ExportOutputs outputs)
    {
        if (outputs.SyntheticDatasetId is not { } datasetId) return null;
        var view = await OfTeamAsync(grains.GetGrain<IDatasetGrain>(datasetId).GetAsync, v => v.TeamId, teamId,
            "The dataset of outputs.syntheticDatasetId does not exist.");
        if (outputs.BaseVersion is not { } number) return null;
        return view.Versions.FirstOrDefault(v => v.Number == number)?.ManifestBlob
            ?? throw new InvalidGrainArgumentException(view.Versions.Count == 0
                ? $"outputs.baseVersion: the dataset has no version {number} (it has none yet)."
                : $"outputs.baseVersion: the dataset has no version {number}; it has {string.Join(", ", view.Versions.Select(v => v.Number))}.");
    }

    /// <summary>Refuses filter raters who are not members of the team (each run's campaign would refuse them later).</summary>
    public static async Task RequireRatersAsync(IGrainFactory grains, Guid teamId, AcceptanceFilter? filter)
    {
        if (filter?.Raters is not { } raters) return;
        var members = (await grains.GetGrain<ITeamGrain>(teamId).GetAsync()).Members.Select(m => m.UserId).ToHashSet();
        if (raters.FirstOrDefault(r => !members.Contains(r)) is var stranger && stranger != Guid.Empty)
            throw new InvalidGrainArgumentException($"filter.raters: user {stranger} is not a member of the team.");
    }

    /// <summary>The checkpoint an export run uses: the named one, or the newest the run has now.</summary>
    public static async Task<CheckpointRecord> ResolveAsync(IGrainFactory grains, Guid teamId, ExportSource source)
    {
        await RequireAsync(grains, teamId, source);
        return await grains.GetGrain<ITrainingRunGrain>(source.TrainingRunId).GetCheckpointAsync(source.CheckpointStep);
    }

    /// <summary>The view of an entity of the team; another team's answers like an unknown one, with <paramref name="notFound"/>.</summary>
    private static async Task<TView> OfTeamAsync<TView>(Func<Task<TView>> get, Func<TView, Guid> teamOf, Guid teamId, string notFound)
    {
        try
        {
            var view = await get();
            if (teamOf(view) == teamId) return view;
        }
        catch (EntityNotFoundException)
        {
            // answered below, as for another team's
        }
        throw new EntityNotFoundException(notFound);
    }
}
