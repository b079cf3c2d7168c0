using MedVid.Compute.Exports;
using MedVid.Compute.Curation;
using MedVid.Compute.Evaluation;
using MedVid.Compute.Generation;
using MedVid.Compute.Ingest;
using MedVid.Compute.Training;
using MedVid.Compute.Work;
using MedVid.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MedVid.Compute.Hosting;

public static class ComputeHostServiceCollectionExtensions
{
    /// <summary>Registers a compute host's services; returns its bus role for <c>AddMedVidBus</c>.</summary>
    public static IBusEndpoints AddComputeHost(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(ComputeHostOptions.Section).Get<ComputeHostOptions>() ?? new ComputeHostOptions();
        options.Validate();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton<RunningWork>();
        services.AddSingleton<WorkHandlerCatalog>();
        services.AddSingleton<IWorkHandler, IngestVideoHandler>();
        services.AddSingleton(configuration.GetSection(CurationHostOptions.Section).Get<CurationHostOptions>() ?? new CurationHostOptions());
        services.AddSingleton<IWorkHandler, CurateDatasetHandler>();
        services.AddSingleton<IWorkHandler, TrainHandler>();
        services.AddSingleton<IWorkHandler, GenerateHandler>();
        services.AddSingleton<ExportPackager>();
        services.AddSingleton<IWorkHandler, PackageExportHandler>();
        services.AddSingleton<IWorkHandler, EvaluateHandler>();
        services.AddHostedService<HeartbeatService>();
        return new ComputeHostEndpoints(options);
    }
}
