using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MedVid.Grains.Infrastructure;

/// <summary>
/// Brings the database to the latest migration at start-up. Silo replicas start together over one PostgreSQL
/// database, and EF Core's own migration lock did not keep two of them from applying the same migration (seen as
/// "column already exists"), so on PostgreSQL a session advisory lock serialises them: the second replica waits,
/// then finds every migration applied.
/// </summary>
public sealed class DatabaseMigrator(MedVidDbContextFactory contexts)
{
    /// <summary>An arbitrary, fixed advisory-lock key for "MedVid migrations".</summary>
    private const long MigrationLockKey = 0x4D65645669644D;

    public async Task MigrateAsync(CancellationToken ct = default)
    {
        await using var db = contexts.Create();
        if (contexts.Provider == "postgres")
        {
            // Its own unpooled session: the lock lives exactly as long as this connection.
            var unpooled = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false };
            await using var lockConnection = new NpgsqlConnection(unpooled.ConnectionString);
            await lockConnection.OpenAsync(ct);
            await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockKey})", lockConnection))
                await take.ExecuteNonQueryAsync(ct);
            await db.Database.MigrateAsync(ct); // disposing the session releases the lock, whatever happened
            return;
        }
        await db.Database.MigrateAsync(ct);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct); // readers do not block the writer
    }
}
