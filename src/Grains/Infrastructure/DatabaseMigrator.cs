using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
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
            await OpenCreatingDatabaseAsync(db, lockConnection, ct);
            await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockKey})", lockConnection))
                await take.ExecuteNonQueryAsync(ct);
            await db.Database.MigrateAsync(ct); // disposing the session releases the lock, whatever happened
            return;
        }
        await db.Database.MigrateAsync(ct);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct); // readers do not block the writer
    }

    /// <summary>Opens the lock session, first creating the database as EF's migrations would (a racing replica may win that).</summary>
    private static async Task OpenCreatingDatabaseAsync(MedVidDbContext db, NpgsqlConnection connection, CancellationToken ct)
    {
        try
        {
            await connection.OpenAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            try
            {
                await db.GetService<IRelationalDatabaseCreator>().CreateAsync(ct);
            }
            catch (PostgresException created) when (created.SqlState == PostgresErrorCodes.DuplicateDatabase)
            {
                // Another replica created it first.
            }
            await connection.OpenAsync(ct);
        }
    }
}
