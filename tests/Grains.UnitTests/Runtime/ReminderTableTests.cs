using MedVid.Grains.Infrastructure;
using MedVid.Grains.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;

namespace MedVid.Grains.UnitTests.Runtime;

/// <summary>Orleans' reminder table contract on the platform database, on each provider.</summary>
public abstract class ReminderTableTests(string provider) : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        await Migrator().MigrateAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Rows_are_upserted_read_by_grain_and_by_hash_range_and_removed_only_with_their_etag()
    {
        var table = Table("service-a");
        var (one, two) = (GrainId.Create("export-schedule", Guid.NewGuid().ToString("N")), GrainId.Create("export-run", Guid.NewGuid().ToString("N")));
        var start = new DateTime(2026, 12, 6, 1, 0, 0, DateTimeKind.Utc);
        var first = await table.UpsertRow(new ReminderEntry { GrainId = one, ReminderName = "tick", StartAt = start, Period = TimeSpan.FromMinutes(1) });
        var replaced = await table.UpsertRow(new ReminderEntry { GrainId = one, ReminderName = "tick", StartAt = start, Period = TimeSpan.FromMinutes(2) });
        await table.UpsertRow(new ReminderEntry { GrainId = two, ReminderName = "retention", StartAt = start, Period = TimeSpan.FromHours(1) });
        Assert.NotEqual(first, replaced);

        var row = await table.ReadRow(one, "tick");
        Assert.Equal((one, start, TimeSpan.FromMinutes(2), replaced), (row!.GrainId, row.StartAt, row.Period, row.ETag));
        Assert.Single((await table.ReadRows(one)).Reminders);

        // The whole ring, as one range and as a wrapped one, holds both rows; the half-open range around one hash holds it alone.
        Assert.Equal(2, (await table.ReadRows(0, 0)).Reminders.Count);
        var hash = one.GetUniformHashCode();
        Assert.Contains((await table.ReadRows(hash - 1, hash)).Reminders, r => r.GrainId == one);
        Assert.DoesNotContain((await table.ReadRows(hash, hash + 1)).Reminders, r => r.GrainId == one);

        // Another service sharing the database sees none of them.
        Assert.Empty((await Table("service-b").ReadRows(0, 0)).Reminders);

        Assert.False(await table.RemoveRow(one, "tick", first!));
        Assert.True(await table.RemoveRow(one, "tick", replaced!));
        Assert.Null(await table.ReadRow(one, "tick"));
    }

    private DatabaseMigrator Migrator() => new(Contexts());

    private MedVidDbContextFactory Contexts()
    {
        var options = new DatabaseOptions();
        _database.Configure(options);
        return new MedVidDbContextFactory(Options.Create(options));
    }

    private EntityFrameworkReminderTable Table(string serviceId) => new(Contexts(), Options.Create(new ClusterOptions { ServiceId = serviceId }));
}

public sealed class SqliteReminderTableTests() : ReminderTableTests("sqlite");

public sealed class PostgresReminderTableTests() : ReminderTableTests("postgres");

/// <summary>Reminders registered on the embedded silo's database table fire again after the silo restarts, without any call.</summary>
public sealed class DurableReminderTests : SqliteSiloTest
{
    [Fact]
    public async Task A_reminder_keeps_firing_after_a_silo_restart()
    {
        var key = Guid.NewGuid();
        await Host.Grains.GetGrain<IReminderProbeGrain>(key).RegisterAsync(TimeSpan.FromSeconds(1));
        await WaitForTicksAsync(key);

        await Host.DisposeAsync();
        Host = await GrainHost.StartAsync(Database); // a new process on the same database: nothing calls the grain
        await WaitForTicksAsync(key);

        await Host.Grains.GetGrain<IReminderProbeGrain>(key).UnregisterAsync();
    }

    private async Task WaitForTicksAsync(Guid key)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (Host.ReminderTicks.Of(key) < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The reminder ticked {Host.ReminderTicks.Of(key)} time(s) in 30 s.");
            await Task.Delay(100);
        }
    }
}
