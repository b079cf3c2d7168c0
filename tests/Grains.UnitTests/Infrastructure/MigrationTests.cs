using System.Data.Common;
using MedVid.Grains.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedVid.Grains.UnitTests.Infrastructure;

/// <summary>The hand-written migrations create the schema, and each provider's snapshot matches the code model.</summary>
public abstract class MigrationTests(string provider) : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(provider);

    public async Task DisposeAsync()
    {
        if (_database is not null) await _database.DisposeAsync();
    }

    [Fact]
    public async Task Replicas_migrating_an_empty_database_at_once_all_succeed()
    {
        var migrators = Enumerable.Range(0, 4).Select(_ =>
        {
            var options = new DatabaseOptions();
            _database.Configure(options);
            return new DatabaseMigrator(new MedVidDbContextFactory(Microsoft.Extensions.Options.Options.Create(options)));
        }).ToList();

        await Task.WhenAll(migrators.Select(m => Task.Run(() => m.MigrateAsync())));

        var check = new DatabaseOptions();
        _database.Configure(check);
        await using var db = new MedVidDbContextFactory(Microsoft.Extensions.Options.Options.Create(check)).Create();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task MigrateAsync_creates_the_schema_and_is_idempotent()
    {
        await using (var host = await GrainHost.StartAsync(_database))
        {
            await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(); // a second replica starting
            await using var db = host.Services.GetRequiredService<MedVidDbContextFactory>().Create();
            Assert.Equal(["20261121000000_InitialSchema", "20261201000000_PlatformAdminFlag", "20261204000000_ReminderTable"], await db.Database.GetAppliedMigrationsAsync());
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());

            var tables = await QueryStringsAsync(db, provider == "sqlite"
                ? "SELECT name FROM sqlite_master WHERE type = 'table'"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
            Assert.Subset(tables.ToHashSet(), new HashSet<string> { "grains", "grain_index", "users", "api_tokens", "reminders", "__EFMigrationsHistory" });

            var indexes = await QueryStringsAsync(db, provider == "sqlite"
                ? "SELECT name FROM sqlite_master WHERE type = 'index'"
                : "SELECT indexname FROM pg_indexes WHERE schemaname = 'public'");
            Assert.Subset(indexes.ToHashSet(), new HashSet<string>
            {
                "IX_grain_index_GrainType_Name_Value", "IX_grain_index_GrainType_Key", "IX_users_UserName", "IX_api_tokens_TokenHash",
                "IX_reminders_ServiceId_GrainHash",
            });

            // The schema works: a user row round-trips (with the platform-admin flag) and the unique user name is enforced.
            var alice = Guid.NewGuid();
            db.Users.Add(new UserRecord { Id = alice, UserName = "alice", DisplayName = "Alice", PasswordHash = "h", CreatedAt = DateTimeOffset.UtcNow, IsPlatformAdmin = true });
            await db.SaveChangesAsync();
            await using var other = host.Services.GetRequiredService<MedVidDbContextFactory>().Create();
            other.Users.Add(new UserRecord { Id = Guid.NewGuid(), UserName = "alice", DisplayName = "Alice 2", PasswordHash = "h", CreatedAt = DateTimeOffset.UtcNow });
            await Assert.ThrowsAsync<DbUpdateException>(() => other.SaveChangesAsync());
            await using var reader = host.Services.GetRequiredService<MedVidDbContextFactory>().Create();
            Assert.True((await reader.Users.SingleAsync(u => u.Id == alice)).IsPlatformAdmin);
        }
    }

    [Fact]
    public async Task The_snapshot_matches_the_model()
    {
        await using var host = await GrainHost.StartAsync(_database);
        await using var db = host.Services.GetRequiredService<MedVidDbContextFactory>().Create();
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The {provider} model moved away from its snapshot: add a migration and update src/Grains/Infrastructure/Migrations/SchemaSnapshot.cs.");
    }

    private static async Task<List<string>> QueryStringsAsync(DbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync();
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) values.Add(reader.GetString(0));
        return values;
    }
}

public sealed class SqliteMigrationTests() : MigrationTests("sqlite");

public sealed class PostgresMigrationTests() : MigrationTests("postgres");
