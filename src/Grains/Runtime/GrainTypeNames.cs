namespace MedVid.Grains.Runtime;

/// <summary>
/// The stored type name of each grain (the <c>GrainType</c> column and Orleans' grain type). Fixed names, so that a
/// renamed class keeps its rows.
/// </summary>
public static class GrainTypeNames
{
    public const string Team = "team";
    public const string Dataset = "dataset";
    public const string TrainingRun = "training-run";
    public const string GenerationJob = "generation-job";
    public const string Scheduler = "scheduler";
    public const string RatingCampaign = "rating-campaign";
    public const string ExportSpecification = "export-specification";
    public const string ExportRun = "export-run";
    public const string ExportSchedule = "export-schedule";
    public const string Evaluation = "evaluation";

    private static readonly Dictionary<Type, string> ByInterface = new()
    {
        [typeof(Teams.ITeamGrain)] = Team,
        [typeof(Datasets.IDatasetGrain)] = Dataset,
        [typeof(Training.ITrainingRunGrain)] = TrainingRun,
        [typeof(Generation.IGenerationJobGrain)] = GenerationJob,
        [typeof(Scheduling.ISchedulerGrain)] = Scheduler,
        [typeof(Rating.IRatingCampaignGrain)] = RatingCampaign,
        [typeof(Exports.IExportSpecificationGrain)] = ExportSpecification,
        [typeof(Exports.IExportRunGrain)] = ExportRun,
        [typeof(Exports.Schedules.IExportScheduleGrain)] = ExportSchedule,
        [typeof(Evaluations.IEvaluationGrain)] = Evaluation,
    };

    public static string Of<TGrain>() =>
        ByInterface.TryGetValue(typeof(TGrain), out var name) ? name : throw new InvalidOperationException($"{typeof(TGrain).Name} has no stored type name.");
}
