using MedVid.Grains.Abstractions;
using MedVid.Grains.Datasets;
using MedVid.Grains.Evaluations;
using MedVid.Grains.Exports;
using MedVid.Grains.Exports.Schedules;
using MedVid.Grains.Generation;
using MedVid.Grains.Rating;
using MedVid.Grains.Scheduling;
using MedVid.Grains.Training;
using Orleans;

namespace MedVid.ControlPlane.Application;

/// <summary>
/// Loads an entity only if it belongs to the caller's team. An entity's team never changes, so checking once
/// before acting on it is safe. Other teams' ids look exactly like unknown ids.
/// </summary>
public static class TeamScope
{
    public static Task<DatasetView> DatasetAsync(this ApiServices api, Guid id) =>
        OwnedAsync<IDatasetGrain, DatasetView>(api, id, g => g.GetAsync(), v => v.TeamId, "dataset");

    /// <summary>Version <paramref name="number"/> of a dataset of the caller's team.</summary>
    public static async Task<DatasetVersionView> DatasetVersionAsync(this ApiServices api, Guid datasetId, int number)
    {
        await api.DatasetAsync(datasetId);
        return await api.Grains.GetGrain<IDatasetGrain>(datasetId).GetVersionAsync(number);
    }

    /// <summary>A work item of the caller's team (the scheduler answers another team's as unknown).</summary>
    public static Task<WorkItemView> WorkItemAsync(this ApiServices api, Guid id) =>
        api.Grains.GetGrain<ISchedulerGrain>(SchedulerGrain.Id).GetAsync(id, api.Caller.TeamId);

    public static Task<TrainingRunView> TrainingRunAsync(this ApiServices api, Guid id) =>
        OwnedAsync<ITrainingRunGrain, TrainingRunView>(api, id, g => g.GetAsync(), v => v.TeamId, "training run");

    public static Task<GenerationJobView> GenerationJobAsync(this ApiServices api, Guid id) =>
        OwnedAsync<IGenerationJobGrain, GenerationJobView>(api, id, g => g.GetAsync(), v => v.TeamId, "generation job");

    public static Task<EvaluationView> EvaluationAsync(this ApiServices api, Guid id) =>
        OwnedAsync<IEvaluationGrain, EvaluationView>(api, id, g => g.GetAsync(), v => v.TeamId, "evaluation");

    public static Task<ExportSpecificationView> ExportSpecificationAsync(this ApiServices api, Guid id) =>
        OwnedAsync<IExportSpecificationGrain, ExportSpecificationView>(api, id, g => g.GetAsync(), v => v.TeamId, "export specification");

    public static Task<ExportRunView> ExportRunAsync(this ApiServices api, Guid id) =>
        OwnedAsync<IExportRunGrain, ExportRunView>(api, id, g => g.GetAsync(), v => v.TeamId, "export run");

    public static Task<ExportScheduleView> ExportScheduleAsync(this ApiServices api, Guid id) =>
        OwnedAsync<IExportScheduleGrain, ExportScheduleView>(api, id, g => g.GetAsync(), v => v.TeamId, "export schedule");

    public static Task<RatingCampaignSummary> RatingCampaignAsync(this ApiServices api, Guid id) =>
        OwnedAsync<IRatingCampaignGrain, RatingCampaignSummary>(api, id, g => g.GetSummaryAsync(), v => v.TeamId, "rating campaign");

    private static async Task<TView> OwnedAsync<TGrain, TView>(ApiServices api, Guid id, Func<TGrain, Task<TView>> load, Func<TView, Guid> teamOf,
        string what)
        where TGrain : IGrainWithGuidKey
    {
        var view = await load(api.Grains.GetGrain<TGrain>(id));
        return teamOf(view) == api.Caller.TeamId ? view : throw new EntityNotFoundException($"The {what} does not exist.");
    }
}
