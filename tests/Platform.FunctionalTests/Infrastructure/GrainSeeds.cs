using System.Text.Json;
using MedVid.Contracts;
using MedVid.Grains.Infrastructure;
using MedVid.Grains.Runtime;
using MedVid.Grains.Scheduling;
using MedVid.Grains.Training;
using Microsoft.Extensions.DependencyInjection;

namespace MedVid.Platform.FunctionalTests.Infrastructure;

/// <summary>Grain states stored as their grains would have written them, for what no host makes in these tests (trained runs, packaged exports).</summary>
public static class GrainSeeds
{
    public static async Task<Guid> StoreGrainAsync(this MedVidApp app, string grainType, object state, Guid? key = null)
    {
        var id = key ?? Guid.NewGuid();
        await using var db = app.Services.GetRequiredService<MedVidDbContextFactory>().Create();
        db.Grains.Add(new GrainRecord
        {
            GrainType = grainType, Key = id, StateJson = JsonSerializer.Serialize(state, state.GetType(), EntityFrameworkGrainStorage.Json), Version = 1,
            UpdatedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
        return id;
    }

    /// <summary>A team's training run that succeeded with checkpoints at steps 200 and 600.</summary>
    public static Task<Guid> SucceededTrainingRunAsync(this MedVidApp app, Guid teamId) => app.StoreGrainAsync(GrainTypeNames.TrainingRun, new TrainingRunState
    {
        Created = true, TeamId = teamId, Spec = new TrainingRunSpec(Guid.NewGuid(), 1, "standard", "tiny", 600, 0, null), Status = RunStatus.Succeeded,
        WorkItemId = Guid.NewGuid(), CreatedAt = DateTimeOffset.UtcNow, FinishedAt = DateTimeOffset.UtcNow,
        Checkpoints =
        [
            new CheckpointRecord(200, "teams/x/c/200", "sha-200", [], DateTimeOffset.UtcNow), new CheckpointRecord(600, "teams/x/c/600", "sha-600", [], DateTimeOffset.UtcNow),
        ],
    });
}
