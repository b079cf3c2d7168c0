namespace MedVid.Messaging;

/// <summary>Configuration section "Bus": the in-memory transport (embedded) or RabbitMQ (distributed).</summary>
public sealed class BusOptions
{
    public const string Section = "Bus";

    /// <summary>"inmemory" (default) or "rabbitmq".</summary>
    public string Transport { get; set; } = "inmemory";

    public string Host { get; set; } = "127.0.0.1";
    public ushort Port { get; set; } = 5672;
    public string VirtualHost { get; set; } = "/";
    public string Username { get; set; } = "guest";
    public string Password { get; set; } = "guest";

    public bool IsRabbitMq => Transport.Equals("rabbitmq", StringComparison.OrdinalIgnoreCase);

    public void Validate()
    {
        if (!IsRabbitMq && !Transport.Equals("inmemory", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"Bus:Transport must be 'inmemory' or 'rabbitmq', not '{Transport}'.");
    }
}
