using MedVid.Grains.Datasets;
using MedVid.Grains.Evaluations;
using MedVid.Grains.Exports;
using MedVid.Grains.Exports.Schedules;
using MedVid.Grains.Generation;
using MedVid.Grains.Rating;
using MedVid.Grains.Training;
using Orleans;

namespace MedVid.ControlPlane.Application;

/// <summary>
/// The caller's team's entities, newest first, as the API's list endpoints and the portal's pages read them. A list is
/// one directory query and then one grain call per entity, all at once; an entity of another team (reachable through a
/// shared index such as an export specification's runs) is left out.
/// </summary>
public static class TeamLists
{
    public static Task<List<DatasetView>> DatasetsAsync(this ApiServices api) =>
        LoadAsync<IDatasetGrain, DatasetView>(api, TeamIndex(api), g => g.GetAsync(), v => v.TeamId, v => v.CreatedAt);

    public static Task<List<TrainingRunView>> TrainingRunsAsync(this ApiServices api) =>
        LoadAsync<ITrainingRunGrain, TrainingRunView>(api, TeamIndex(api), g => g.GetAsync(), v => v.TeamId, v => v.CreatedAt);

    public static Task<List<GenerationJobView>> GenerationJobsAsync(this ApiServices api) =>
        LoadAsync<IGenerationJobGrain, GenerationJobView>(api, TeamIndex(api), g => g.GetAsync(), v => v.TeamId, v => v.CreatedAt);

    public static Task<List<RatingCampaignSummary>> RatingCampaignsAsync(this ApiServices api) =>
        LoadAsync<IRatingCampaignGrain, RatingCampaignSummary>(api, TeamIndex(api), g => g.GetSummaryAsync(), v => v.TeamId, v => v.CreatedAt);

    public static Task<List<ExportSpecificationView>> ExportSpecificationsAsync(this ApiServices api) =>
        LoadAsync<IExportSpecificationGrain, ExportSpecificationView>(api, TeamIndex(api), g => g.GetAsync(), v => v.TeamId, v => v.CreatedAt);

    public static Task<List<ExportScheduleView>> ExportSchedulesAsync(this ApiServices api) =>
        LoadAsync<IExportScheduleGrain, ExportScheduleView>(api, TeamIndex(api), g => g.GetAsync(), v => v.TeamId, v => v.CreatedAt);

    /// <summary>The team's export runs, or those of one specification.</summary>
    public static Task<List<ExportRunView>> ExportRunsAsync(this ApiServices api, Guid? specificationId = null) =>
        LoadAsync<IExportRunGrain, ExportRunView>(api, specificationId is { } spec ? ("specification", spec.ToString()) : TeamIndex(api),
            g => g.GetAsync(), v => v.TeamId, v => v.CreatedAt);

    /// <summary>The team's evaluations, or those of one export run, generation job or training run (the first given).</summary>
    public static Task<List<EvaluationView>> EvaluationsAsync(this ApiServices api, Guid? trainingRunId = null, Guid? generationJobId = null,
        Guid? exportRunId = null)
    {
        var index = (exportRunId, generationJobId, trainingRunId) switch
        {
            ({ } export, _, _) => ("export-run", export.ToString()),
            (_, { } job, _) => ("generation-job", job.ToString()),
            (_, _, { } run) => ("training-run", run.ToString()),
            _ => TeamIndex(api),
        };
        return LoadAsync<IEvaluationGrain, EvaluationView>(api, index, g => g.GetAsync(), v => v.TeamId, v => v.CreatedAt);
    }

    private static (string Name, string Value) TeamIndex(ApiServices api) => ("team", api.Caller.TeamId.ToString());

    private static async Task<List<TView>> LoadAsync<TGrain, TView>(ApiServices api, (string Name, string Value) index, Func<TGrain, Task<TView>> load,
        Func<TView, Guid> teamOf, Func<TView, DateTimeOffset> createdAt)
        where TGrain : IGrainWithGuidKey
    {
        var keys = await api.Directory.FindAsync<TGrain>(index.Name, index.Value);
        var views = await Task.WhenAll(keys.Select(key => load(api.Grains.GetGrain<TGrain>(key))));
        return [.. views.Where(v => teamOf(v) == api.Caller.TeamId).OrderByDescending(createdAt)];
    }
}
