using Microsoft.EntityFrameworkCore;

namespace MedVid.Grains.Infrastructure;

/// <summary>Brings the database to the latest migration at start-up (EF Core takes a lock, so replicas may race safely).</summary>
public sealed class DatabaseMigrator(MedVidDbContextFactory contexts)
{
    public async Task MigrateAsync(CancellationToken ct = default)
    {
        await using var db = contexts.Create();
        await db.Database.MigrateAsync(ct);
        if (contexts.Provider == "sqlite")
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct); // readers do not block the writer
    }
}
