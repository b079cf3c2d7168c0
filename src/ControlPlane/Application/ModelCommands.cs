using MedVid.Contracts.Training;
using MedVid.Grains.Evaluations;
using MedVid.Grains.Generation;
using MedVid.Grains.Training;

namespace MedVid.ControlPlane.Application;

public sealed record StartTrainingRunRequest(
    Guid DatasetId, int DatasetVersion, string Recipe, string ModelSize, long TotalSteps, int Gpus, Dictionary<string, double>? Hyperparameters,
    Guid? BaseRunId = null, Guid? VaeRunId = null, int GpuMemoryGb = 0, CheckpointEvaluationPlan? Evaluation = null);

public sealed record StartGenerationJobRequest(
    Guid TrainingRunId, List<string> Prompts, int CountPerPrompt, List<long>? Seeds, string Sampler, int Steps, double Guidance,
    int Frames, int Width, int Height, int Gpus, long? CheckpointStep = null, double Eta = 0, string? Spacing = null, int GpuMemoryGb = 0);

public sealed record StartEvaluationRequest(
    Guid? GenerationJobId, Guid DatasetId, int DatasetVersion, string? ReferenceSplit = null, CheckpointSample? Checkpoint = null, string? LabelKey = null,
    Guid? ExportRunId = null);

/// <summary>Training runs, generation jobs and evaluations the caller starts for their team (the grains validate and check the team's inputs).</summary>
public static class ModelCommands
{
    /// <summary>Starts a run on a dataset version of the caller's team; a missing version is refused with 404.</summary>
    public static Task<TrainingRunView> StartTrainingRunAsync(this ApiServices api, StartTrainingRunRequest request) =>
        api.Grains.GetGrain<ITrainingRunGrain>(Guid.NewGuid()).StartAsync(api.Caller.TeamId, api.Caller.UserId, new TrainingRunSpec(
            request.DatasetId, request.DatasetVersion, request.Recipe, request.ModelSize, request.TotalSteps, request.Gpus, request.Hyperparameters,
            request.BaseRunId, request.VaeRunId, request.GpuMemoryGb, request.Evaluation));

    public static Task<GenerationJobView> StartGenerationJobAsync(this ApiServices api, StartGenerationJobRequest request) =>
        api.Grains.GetGrain<IGenerationJobGrain>(Guid.NewGuid()).StartAsync(api.Caller.TeamId, api.Caller.UserId, new GenerationJobSpec(
            request.TrainingRunId, request.Prompts ?? [], request.CountPerPrompt, request.Seeds, request.Sampler ?? "", request.Steps, request.Guidance,
            request.Frames, request.Width, request.Height, request.Gpus, request.CheckpointStep, request.Eta, request.Spacing ?? SamplingVocabulary.Leading,
            request.GpuMemoryGb));

    public static Task<EvaluationView> StartEvaluationAsync(this ApiServices api, StartEvaluationRequest request) =>
        api.Grains.GetGrain<IEvaluationGrain>(Guid.NewGuid()).StartAsync(api.Caller.TeamId, api.Caller.UserId, new EvaluationSpec(
            request.GenerationJobId, request.DatasetId, request.DatasetVersion, request.ReferenceSplit ?? "test", request.Checkpoint, request.LabelKey,
            request.ExportRunId));
}
