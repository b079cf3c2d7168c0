using MassTransit;

namespace MedVid.Messaging;

/// <summary>
/// One process role's part of the bus: the consumers it registers and the receive endpoints it opens.
/// A process may combine several (the embedded mode runs the control plane and a compute host together).
/// </summary>
public interface IBusEndpoints
{
    void AddConsumers(IBusRegistrationConfigurator bus);

    void ConfigureEndpoints(IBusFactoryConfigurator bus, IBusRegistrationContext context);
}
