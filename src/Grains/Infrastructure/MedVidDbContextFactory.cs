using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MedVid.Grains.Infrastructure;

/// <summary>Creates the provider-specific context chosen by <see cref="DatabaseOptions"/>.</summary>
public sealed class MedVidDbContextFactory
{
    private readonly Func<MedVidDbContext> _create;

    public MedVidDbContextFactory(IOptions<DatabaseOptions> options)
    {
        var o = options.Value;
        Provider = o.Provider.ToLowerInvariant();
        switch (Provider)
        {
            case "sqlite":
                EnsureSqliteFolder(o.ConnectionString);
                var sqlite = new DbContextOptionsBuilder<SqliteMedVidDbContext>().UseSqlite(o.ConnectionString).Options;
                _create = () => new SqliteMedVidDbContext(sqlite);
                break;
            case "postgres":
                var pg = new DbContextOptionsBuilder<PostgresMedVidDbContext>().UseNpgsql(o.ConnectionString).Options;
                _create = () => new PostgresMedVidDbContext(pg);
                break;
            default:
                throw new InvalidOperationException($"Database:Provider must be 'sqlite' or 'postgres', not '{o.Provider}'.");
        }
    }

    public string Provider { get; }

    public MedVidDbContext Create() => _create();

    private static void EnsureSqliteFolder(string connectionString)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
    }
}
