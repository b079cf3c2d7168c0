using MassTransit;
using MedVid.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MedVid.Compute.UnitTests;

/// <summary>The bus set-up every process shares.</summary>
public sealed class BusSetupTests
{
    [Theory]
    [InlineData("inmemory")]
    [InlineData("rabbitmq")]
    public void Usage_telemetry_to_the_vendor_is_off(string transport)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Bus:Transport"] = transport }).Build();
        using var services = new ServiceCollection().AddMedVidBus(configuration).BuildServiceProvider();

        Assert.False(services.GetRequiredService<IOptions<UsageTelemetryOptions>>().Value.Enabled);
    }
}
