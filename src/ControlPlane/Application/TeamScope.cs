using MedVid.ControlPlane.Identity;
using MedVid.Grains.Abstractions;
using MedVid.Grains.Datasets;
using MedVid.Grains.Evaluations;
using MedVid.Grains.Exports;
using MedVid.Grains.Exports.Schedules;
using MedVid.Grains.Generation;
using MedVid.Grains.Rating;
using MedVid.Grains.Scheduling;
using MedVid.Grains.Training;

namespace MedVid.ControlPlane.Application;

/// <summary>
/// Loads an entity only if it belongs to the caller's team. An entity's team never changes, so checking once
/// before acting on it is safe. Other teams' ids look exactly like unknown ids.
/// </summary>
public static class TeamScope
{
    public static async Task<DatasetView> DatasetAsync(this ApiServices api, Guid id)
    {
        var dataset = await api.Grains.GetGrain<IDatasetGrain>(id).GetAsync();
        return Owned(dataset.TeamId, api.Caller, dataset, "dataset");
    }

    /// <summary>Version <paramref name="number"/> of a dataset of the caller's team.</summary>
    public static async Task<DatasetVersionView> DatasetVersionAsync(this ApiServices api, Guid datasetId, int number)
    {
        await api.DatasetAsync(datasetId);
        return await api.Grains.GetGrain<IDatasetGrain>(datasetId).GetVersionAsync(number);
    }

    /// <summary>A work item of the caller's team (the scheduler answers another team's as unknown).</summary>
    public static Task<WorkItemView> WorkItemAsync(this ApiServices api, Guid id) =>
        api.Grains.GetGrain<ISchedulerGrain>(SchedulerGrain.Id).GetAsync(id, api.Caller.TeamId);

    public static async Task<TrainingRunView> TrainingRunAsync(this ApiServices api, Guid id)
    {
        var run = await api.Grains.GetGrain<ITrainingRunGrain>(id).GetAsync();
        return Owned(run.TeamId, api.Caller, run, "training run");
    }

    public static async Task<GenerationJobView> GenerationJobAsync(this ApiServices api, Guid id)
    {
        var job = await api.Grains.GetGrain<IGenerationJobGrain>(id).GetAsync();
        return Owned(job.TeamId, api.Caller, job, "generation job");
    }

    public static async Task<EvaluationView> EvaluationAsync(this ApiServices api, Guid id)
    {
        var evaluation = await api.Grains.GetGrain<IEvaluationGrain>(id).GetAsync();
        return Owned(evaluation.TeamId, api.Caller, evaluation, "evaluation");
    }

    public static async Task<ExportSpecificationView> ExportSpecificationAsync(this ApiServices api, Guid id)
    {
        var spec = await api.Grains.GetGrain<IExportSpecificationGrain>(id).GetAsync();
        return Owned(spec.TeamId, api.Caller, spec, "export specification");
    }

    public static async Task<ExportRunView> ExportRunAsync(this ApiServices api, Guid id)
    {
        var run = await api.Grains.GetGrain<IExportRunGrain>(id).GetAsync();
        return Owned(run.TeamId, api.Caller, run, "export run");
    }

    public static async Task<ExportScheduleView> ExportScheduleAsync(this ApiServices api, Guid id)
    {
        var schedule = await api.Grains.GetGrain<IExportScheduleGrain>(id).GetAsync();
        return Owned(schedule.TeamId, api.Caller, schedule, "export schedule");
    }

    public static async Task<RatingCampaignSummary> RatingCampaignAsync(this ApiServices api, Guid id)
    {
        var summary = await api.Grains.GetGrain<IRatingCampaignGrain>(id).GetSummaryAsync();
        return Owned(summary.TeamId, api.Caller, summary, "rating campaign");
    }

    private static T Owned<T>(Guid teamId, Caller caller, T entity, string what) =>
        teamId == caller.TeamId ? entity : throw new EntityNotFoundException($"The {what} does not exist.");
}
