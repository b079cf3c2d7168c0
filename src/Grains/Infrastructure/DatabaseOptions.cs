namespace MedVid.Grains.Infrastructure;

/// <summary>Configuration section "Database": which provider, and its connection string.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>"sqlite" (default, embedded) or "postgres".</summary>
    public string Provider { get; set; } = "sqlite";

    public string ConnectionString { get; set; } = "Data Source=.medvid/data/medvid.db";
}
