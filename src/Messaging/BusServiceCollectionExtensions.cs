using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MedVid.Messaging;

public static class BusServiceCollectionExtensions
{
    /// <summary>
    /// The bus with every <see cref="IBusEndpoints"/> given. On RabbitMQ, queues are durable and messages persistent
    /// (MassTransit's defaults), and a message is acknowledged only after its consumer returned. MassTransit's usage
    /// telemetry is off: every process (silo, portal, GPU host) sets its bus up here, and none may call out to the
    /// vendor's host from a hospital network.
    /// </summary>
    public static IServiceCollection AddMedVidBus(this IServiceCollection services, IConfiguration configuration, params IBusEndpoints[] roles)
    {
        var options = configuration.GetSection(BusOptions.Section).Get<BusOptions>() ?? new BusOptions();
        options.Validate();
        services.AddSingleton(options);
        services.AddOptions<MassTransitHostOptions>().Configure(o =>
        {
            o.WaitUntilStarted = true;
            o.StartTimeout = TimeSpan.FromSeconds(60);
            o.StopTimeout = TimeSpan.FromSeconds(30);
        });
        services.AddMassTransit(bus =>
        {
            bus.DisableUsageTelemetry();
            foreach (var role in roles) role.AddConsumers(bus);
            if (options.IsRabbitMq)
            {
                bus.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host(options.Host, options.Port, options.VirtualHost, h =>
                    {
                        h.Username(options.Username);
                        h.Password(options.Password);
                    });
                    foreach (var role in roles) role.ConfigureEndpoints(cfg, context);
                });
            }
            else
            {
                bus.UsingInMemory((context, cfg) =>
                {
                    foreach (var role in roles) role.ConfigureEndpoints(cfg, context);
                });
            }
        });
        return services;
    }
}
