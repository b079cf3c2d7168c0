namespace MedVid.ControlPlane.Hosting;

/// <summary>Configuration section "GrainCluster" (not "Orleans", which Orleans reads itself): how this process joins the grain cluster (docs/architecture.md).</summary>
public sealed class OrleansSettings
{
    public const string Section = "GrainCluster";

    /// <summary>"silo" hosts grains (the silo, and the portal of the embedded platform); "client" only calls them (the portal of the distributed one).</summary>
    public string Role { get; set; } = "silo";

    /// <summary>"localhost": a one-silo cluster in this process (embedded). "azure-table": membership and reminders in Azure Table storage.</summary>
    public string Clustering { get; set; } = "localhost";

    /// <summary>
    /// Where reminders are kept: "database" (the platform database's reminders table) or "azure-table". Unset: the
    /// database with localhost clustering, Azure Table storage with azure-table clustering.
    /// </summary>
    public string? Reminders { get; set; }

    /// <summary>Azure Storage connection string with a TableEndpoint (Azurite's table service locally); for "azure-table".</summary>
    public string? AzureStorage { get; set; }

    /// <summary>Silos and clients with the same cluster id form one cluster.</summary>
    public string ClusterId { get; set; } = "medvid";

    public string ServiceId { get; set; } = "medvid";

    /// <summary>Silo-to-silo port; 0 takes a free one (enough for a one-silo cluster).</summary>
    public int SiloPort { get; set; }

    /// <summary>Port clients connect to; 0 takes a free one.</summary>
    public int GatewayPort { get; set; }

    /// <summary>Address other silos and clients reach this silo at: an IP, a host name, or "*" for this machine's own name; loopback when unset.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>Shortest reminder period the silo accepts (Orleans' default is one minute; tests lower it).</summary>
    public TimeSpan? MinimumReminderPeriod { get; set; }

    public bool HostsSilo => Role.Equals("silo", StringComparison.OrdinalIgnoreCase);

    public bool UsesAzureTables => Clustering.Equals("azure-table", StringComparison.OrdinalIgnoreCase);

    public bool RemindersInAzureTables => Reminders is null ? UsesAzureTables : Reminders.Equals("azure-table", StringComparison.OrdinalIgnoreCase);

    public void Validate()
    {
        if (Reminders is not null && !RemindersInAzureTables && !Reminders.Equals("database", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"GrainCluster:Reminders must be 'database' or 'azure-table', not '{Reminders}'.");
        if (RemindersInAzureTables && string.IsNullOrWhiteSpace(AzureStorage))
            throw new InvalidOperationException("GrainCluster:Reminders 'azure-table' needs GrainCluster:AzureStorage (a connection string with a TableEndpoint).");
        if (!HostsSilo && !Role.Equals("client", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"GrainCluster:Role must be 'silo' or 'client', not '{Role}'.");
        if (!UsesAzureTables && !Clustering.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"GrainCluster:Clustering must be 'localhost' or 'azure-table', not '{Clustering}'.");
        if (UsesAzureTables && string.IsNullOrWhiteSpace(AzureStorage))
            throw new InvalidOperationException("GrainCluster:Clustering 'azure-table' needs GrainCluster:AzureStorage (a connection string with a TableEndpoint).");
        if (!HostsSilo && !UsesAzureTables)
            throw new InvalidOperationException("An Orleans client needs GrainCluster:Clustering 'azure-table' to find the silos.");
    }
}
