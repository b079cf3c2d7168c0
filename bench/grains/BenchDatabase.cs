using Microsoft.Data.Sqlite;
using Npgsql;

namespace MedVid.GrainsBench;

/// <summary>A database the benchmark creates for itself and removes afterwards.</summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "MEDVID_TEST_POSTGRES";

    private const string DefaultPostgres = "Host=127.0.0.1;Port=5432;Database=medvid_test_<random>;Username=postgres;Password=medvid-dev";

    private readonly Func<ValueTask> _drop;

    private BenchDatabase(string provider, string connectionString, string where, Func<ValueTask> drop) =>
        (Provider, ConnectionString, Where, _drop) = (provider, connectionString, where, drop);

    public string Provider { get; }

    public string ConnectionString { get; }

    /// <summary>Where the data lives, for the report (no password).</summary>
    public string Where { get; }

    public static BenchDatabase Sqlite()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"medvid-grains-bench-{Guid.NewGuid():N}");
        var connectionString = $"Data Source={Path.Combine(folder, "grains.db")}";
        return new BenchDatabase("sqlite", connectionString, Path.Combine(folder, "grains.db"), () =>
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
            return ValueTask.CompletedTask;
        });
    }

    /// <summary>A fresh database on the server named by MEDVID_TEST_POSTGRES ("&lt;random&gt;" in its name is replaced, else a suffix is added).</summary>
    public static async Task<BenchDatabase> PostgresAsync()
    {
        var configured = Environment.GetEnvironmentVariable(PostgresVariable);
        var builder = new NpgsqlConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? DefaultPostgres : configured);
        var suffix = "bench_" + Guid.NewGuid().ToString("N")[..10];
        var pattern = string.IsNullOrEmpty(builder.Database) ? "medvid_test_<random>" : builder.Database;
        var name = pattern.Contains("<random>") ? pattern.Replace("<random>", suffix) : $"{pattern}_{suffix}";
        builder.Database = name;
        // 64 callers must not take 64 of the server's 100 connections (other processes use it too); calls wait for one instead.
        if (!(configured ?? "").Contains("Maximum Pool Size", StringComparison.OrdinalIgnoreCase)) builder.MaxPoolSize = 16;
        var admin = new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;
        try
        {
            await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\"");
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            throw new InvalidOperationException(
                $"PostgreSQL is unreachable at {builder.Host}:{builder.Port} ({e.Message}). Run `infra/services/postgres.sh start` " +
                $"(or point {PostgresVariable} at a server).", e);
        }
        return new BenchDatabase("postgres", builder.ConnectionString, $"{builder.Host}:{builder.Port}/{name}", async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        });
    }

    public ValueTask DisposeAsync() => _drop();

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
