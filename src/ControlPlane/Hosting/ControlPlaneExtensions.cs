using System.Text.Json.Serialization;
using MedVid.ControlPlane.Apis;
using MedVid.ControlPlane.Bus;
using MedVid.ControlPlane.Bus.Outcomes;
using MedVid.ControlPlane.Errors;
using MedVid.ControlPlane.Health;
using MedVid.ControlPlane.Identity;
using MedVid.Grains.Abstractions;
using MedVid.Grains.Infrastructure;
using MedVid.Grains.Runtime;
using MedVid.Messaging;
using MedVid.Storage.DependencyInjection;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MedVid.ControlPlane.Hosting;

/// <summary>Registers an in-process compute host and returns its bus role (the embedded process supplies it).</summary>
public delegate IBusEndpoints EmbeddedComputeHost(IServiceCollection services, IConfiguration configuration);

public static class ControlPlaneExtensions
{
    /// <summary>
    /// Grains over the configured database, the blob store, the bus with the control plane's consumers, token
    /// authentication, health checks and OpenAPI; plus an in-process compute host when ControlPlane:EmbeddedComputeHost is
    /// true, from <paramref name="embeddedComputeHost"/>: only the process that can embed one (the portal) passes it, so
    /// the control plane itself does not depend on the compute host and its ML stack.
    /// </summary>
    public static WebApplicationBuilder AddMedVidControlPlane(this WebApplicationBuilder builder, EmbeddedComputeHost? embeddedComputeHost = null)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        var options = config.GetSection(ControlPlaneOptions.Section).Get<ControlPlaneOptions>() ?? new ControlPlaneOptions();
        services.AddSingleton(options);
        services.Configure<DatabaseOptions>(config.GetSection(DatabaseOptions.Section));
        services.AddMedVidGrainData();
        services.AddHostedService<DatabaseStartupService>(); // before the silo, so grain storage finds the schema
        var orleans = builder.AddMedVidOrleans();
        if (options.EmbeddedComputeHost && !orleans.HostsSilo)
            throw new InvalidOperationException("ControlPlane:EmbeddedComputeHost needs GrainCluster:Role 'silo' (the embedded platform is one process).");
        if (options.EmbeddedComputeHost && embeddedComputeHost is null)
            throw new InvalidOperationException("ControlPlane:EmbeddedComputeHost: this process cannot embed a compute host; run the portal (`./medvid up`) or a separate GPU host.");
        services.AddBlobStore(config);
        services.AddSingleton<IdentityService>();
        var roles = new List<IBusEndpoints>();
        if (orleans.HostsSilo)
        {
            // Grains and the consumers that report to them live in silos; a client portal only calls grains.
            services.AddSingleton<BusDeliveryQueue>();
            services.AddSingleton<IMessageOutbox>(sp => sp.GetRequiredService<BusDeliveryQueue>());
            services.AddSingleton<TrainingRunOutcomes>();
            services.AddSingleton<IWorkOwnerOutcomes>(sp => sp.GetRequiredService<TrainingRunOutcomes>());
            services.AddSingleton<IWorkOwnerOutcomes, DatasetVideoOutcomes>();
            services.AddSingleton<IWorkOwnerOutcomes, CurationOutcomes>();
            services.AddSingleton<IWorkOwnerOutcomes, GenerationJobOutcomes>();
            services.AddSingleton<IWorkOwnerOutcomes, ExportRunOutcomes>();
            services.AddSingleton<IWorkOwnerOutcomes, EvaluationOutcomes>();
            services.AddSingleton<WorkOutcomeRouter>();
            services.AddHostedService<BootstrapAdminService>(); // after the silo started, before the bus consumes
            roles.Add(new ControlPlaneEndpoints());
        }
        if (options.EmbeddedComputeHost) roles.Add(embeddedComputeHost!(services, config));
        services.AddMedVidBus(config, [.. roles]);
        if (orleans.HostsSilo)
        {
            // After the bus, so that it stops first and drains while the bus still runs.
            var delivery = config.GetSection(BusDeliveryOptions.Section).Get<BusDeliveryOptions>() ?? new BusDeliveryOptions();
            delivery.Validate();
            services.AddHostedService(sp => new BusDeliveryService(
                sp.GetRequiredService<BusDeliveryQueue>(), ActivatorUtilities.CreateInstance<MassTransitOutbox>(sp), delivery,
                sp.GetRequiredService<ILogger<BusDeliveryService>>()));
        }

        services.AddAuthentication(ApiTokenAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);
        services.AddAuthorization(Policies.Add);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemDetailsDefaults.Fill);
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict; // the web defaults would read "100" as 100
        });
        services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = options.MaxUploadBytes + 64 * 1024);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = options.MaxUploadBytes + 64 * 1024);
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<BusHealthCheck>("bus")
            .AddCheck<BlobStoreHealthCheck>("blobs");
        services.AddOpenApi("v1");
        return builder;
    }

    /// <summary>/api/v1 (every area), /openapi/v1.json and /health.</summary>
    public static WebApplication MapMedVidApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        // API errors the framework answers with an empty body (unmatched routes, malformed ids, 405) get a problem;
        // pages keep their own not-found handling.
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.Use((context, next) =>
        {
            JsonBodyLimit.Apply(context.Request);
            return next(context);
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapMedVidHealth();
        var api = app.MapGroup("/api/v1");
        api.MapAuthApi().MapTeamsApi().MapDatasetsApi().MapTrainingRunsApi().MapGenerationJobsApi().MapEvaluationsApi().MapWorkApi().MapBlobsApi().MapRatingCampaignsApi()
            .MapExportsApi().MapExportSchedulesApi();
        return app;
    }
}
