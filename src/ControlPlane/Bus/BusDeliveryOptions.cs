namespace MedVid.ControlPlane.Bus;

/// <summary>Configuration section "ControlPlane:BusDelivery": how grain messages reach the broker.</summary>
public sealed class BusDeliveryOptions
{
    public const string Section = "ControlPlane:BusDelivery";

    /// <summary>How long one delivery attempt may take before it is abandoned and tried again.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The pause before a failed or abandoned delivery is tried again.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>At shutdown, how long the messages still queued may take to go out before they are dropped.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public void Validate()
    {
        if (AttemptTimeout <= TimeSpan.Zero) throw new InvalidOperationException($"{Section}:AttemptTimeout must be positive.");
        if (RetryDelay < TimeSpan.Zero) throw new InvalidOperationException($"{Section}:RetryDelay must not be negative.");
        if (DrainTimeout < TimeSpan.Zero) throw new InvalidOperationException($"{Section}:DrainTimeout must not be negative.");
    }
}
