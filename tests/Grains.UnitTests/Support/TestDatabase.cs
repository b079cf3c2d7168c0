using MedVid.Grains.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace MedVid.Grains.UnitTests.Support;

/// <summary>A database of its own for one test: a SQLite file in a temp folder, or a PostgreSQL database created for it.</summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public abstract string Provider { get; }

    public abstract string ConnectionString { get; }

    public void Configure(DatabaseOptions options) => (options.Provider, options.ConnectionString) = (Provider, ConnectionString);

    public abstract ValueTask DisposeAsync();

    public static Task<TestDatabase> CreateAsync(string provider) => provider switch
    {
        "sqlite" => Task.FromResult<TestDatabase>(new SqliteTestDatabase()),
        "postgres" => PostgresTestDatabase.CreateAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };
}

public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"medvid-grains-tests-{Guid.NewGuid():N}");

    public SqliteTestDatabase() => ConnectionString = $"Data Source={Path.Combine(_folder, "grains.db")}";

    public override string Provider => "sqlite";

    public override string ConnectionString { get; }

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearPool(new SqliteConnection(ConnectionString));
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // a file still held open; the temp folder is cleaned by the OS
        }
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// A uniquely named PostgreSQL database, dropped on dispose. The server comes from MEDVID_TEST_POSTGRES
/// (default: the dev server of infra/services/postgres.sh); "&lt;random&gt;" in its database name is replaced by a
/// fresh suffix, and a name without it gets one appended, so parallel tests never share a database.
/// </summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    public const string EnvironmentVariable = "MEDVID_TEST_POSTGRES";

    public const string DefaultConnectionString = "Host=127.0.0.1;Port=5432;Database=medvid_test_<random>;Username=postgres;Password=medvid-dev";

    private readonly string _adminConnectionString;
    private readonly string _name;

    private PostgresTestDatabase(string connectionString, string adminConnectionString, string name) =>
        (ConnectionString, _adminConnectionString, _name) = (connectionString, adminConnectionString, name);

    public override string Provider => "postgres";

    public override string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        var builder = new NpgsqlConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? DefaultConnectionString : configured);
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var pattern = string.IsNullOrEmpty(builder.Database) ? "medvid_test_<random>" : builder.Database;
        var name = pattern.Contains("<random>") ? pattern.Replace("<random>", suffix) : $"{pattern}_{suffix}";
        builder.Database = name;
        var admin = new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Database = "postgres", Pooling = false };
        try
        {
            await using var connection = new NpgsqlConnection(admin.ConnectionString);
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            throw new InvalidOperationException(
                $"PostgreSQL is unreachable at {admin.Host}:{admin.Port} as {admin.Username} ({e.Message}). " +
                $"Run `infra/services/postgres.sh start` (or point {EnvironmentVariable} at a server).", e);
        }
        return new PostgresTestDatabase(builder.ConnectionString, admin.ConnectionString, name);
    }

    public override async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
