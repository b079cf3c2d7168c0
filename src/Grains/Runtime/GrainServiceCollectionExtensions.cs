using MedVid.Grains.Abstractions;
using MedVid.Grains.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MedVid.Grains.Runtime;

public static class GrainServiceCollectionExtensions
{
    /// <summary>The grain runtime, the database it persists to, and every MedVid grain.</summary>
    public static IServiceCollection AddMedVidGrains(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<MedVidDbContextFactory>();
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<GrainStateStore>();
        services.AddSingleton<GrainRuntime>();
        services.AddSingleton<GrainDirectory>();
        services.AddSingleton<IGrainFactory, GrainFactory>();
        var registry = new GrainRegistry();
        services.AddSingleton(registry);
        registry.Add(Bind<Teams.ITeamGrain, Teams.TeamGrain, Teams.TeamState>("team"));
        registry.Add(Bind<Datasets.IDatasetGrain, Datasets.DatasetGrain, Datasets.DatasetState>("dataset"));
        registry.Add(Bind<Training.ITrainingRunGrain, Training.TrainingRunGrain, Training.TrainingRunState>("training-run"));
        registry.Add(Bind<Generation.IGenerationJobGrain, Generation.GenerationJobGrain, Generation.GenerationJobState>("generation-job"));
        registry.Add(Bind<Scheduling.ISchedulerGrain, Scheduling.SchedulerGrain, Scheduling.SchedulerState>("scheduler"));
        registry.Add(Bind<Rating.IRatingCampaignGrain, Rating.RatingCampaignGrain, Rating.RatingCampaignState>("rating-campaign"));
        return services;
    }

    private static GrainBinding Bind<TInterface, TGrain, TState>(string typeName)
        where TInterface : IGrainWithGuidKey
        where TGrain : Grain<TState>, TInterface
        where TState : class, new() =>
        new(typeof(TInterface), typeof(TGrain), typeof(TState), typeName);
}
