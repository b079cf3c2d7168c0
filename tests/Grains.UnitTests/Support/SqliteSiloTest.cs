namespace MedVid.Grains.UnitTests.Support;

/// <summary>Base of tests that run grains on one in-process silo over a SQLite file of their own.</summary>
public abstract class SqliteSiloTest : IAsyncLifetime
{
    protected SqliteTestDatabase Database { get; } = new();

    /// <summary>The silo; a test may replace it with a new one on the same file (a restart).</summary>
    protected GrainHost Host { get; set; } = null!;

    /// <summary>The clock the grains read; null keeps the system clock. A test that jumps over downtime gives a <see cref="ShiftedClock"/>.</summary>
    protected virtual ShiftedClock? Clock => null;

    public async Task InitializeAsync() => Host = await GrainHost.StartAsync(Database, Clock);

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Database.DisposeAsync();
    }
}
