using Npgsql;

namespace MedVid.Platform.FunctionalTests.Infrastructure;

/// <summary>
/// The embedded configuration over PostgreSQL: a database of its own on the server named by MEDVID_TEST_POSTGRES
/// (default: the local one started by infra/services/postgres.sh), created by the app's migrations and dropped after.
/// An unreachable server fails the tests, with the command that starts it.
/// </summary>
public class PostgresApp : MedVidApp
{
    public const string EnvironmentVariable = "MEDVID_TEST_POSTGRES";
    public const string DefaultServer = "Host=127.0.0.1;Port=5432;Database=postgres;Username=postgres;Password=medvid-dev";

    private readonly NpgsqlConnectionStringBuilder _server;
    private readonly string _database = $"medvid_test_{Guid.NewGuid():N}";
    private bool _reachable;

    public PostgresApp()
    {
        _server = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } s ? s : DefaultServer);
        ConnectionString = new NpgsqlConnectionStringBuilder(_server.ConnectionString) { Database = _database }.ConnectionString;
    }

    public string ConnectionString { get; }

    protected override (string Provider, string ConnectionString) DatabaseSettings => ("postgres", ConnectionString);

    /// <summary>Checks the server answers; the database itself is created by the app's migrations.</summary>
    protected override async Task PrepareDatabaseAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(Maintenance());
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync();
            _reachable = true;
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw new InvalidOperationException(
                $"PostgreSQL is not reachable at {_server.Host}:{_server.Port} as '{_server.Username}' ({e.Message}). " +
                $"Run `infra/services/postgres.sh start`, or point {EnvironmentVariable} at a server.", e);
        }
    }

    protected override async Task DropDatabaseAsync()
    {
        if (!_reachable) return;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Maintenance());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The server's maintenance database, for checks and for dropping ours.</summary>
    private string Maintenance() =>
        new NpgsqlConnectionStringBuilder(_server.ConnectionString) { Database = "postgres", Timeout = 5, Pooling = false }.ConnectionString;

    /// <summary>Whether our database exists on the server.</summary>
    public async Task<bool> DatabaseExistsAsync()
    {
        await using var connection = new NpgsqlConnection(Maintenance());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", _database);
        return (long)(await command.ExecuteScalarAsync())! == 1;
    }
}
