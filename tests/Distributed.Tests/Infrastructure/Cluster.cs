using System.Globalization;
using System.Net;
using MedVid.Storage.Azure;
using Npgsql;
using Xunit.Sdk;

namespace MedVid.Distributed.Tests.Infrastructure;

/// <summary>
/// One test's distributed deployment: its own PostgreSQL database, RabbitMQ virtual host and Azurite container,
/// and the silo and compute-host processes it starts over them. Disposing kills the processes and removes all three.
/// </summary>
internal sealed class Cluster : IAsyncDisposable
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "distributed-tests-password";

    private readonly List<ManagedProcess> _processes = [];
    private readonly List<ApiClient> _clients = [];
    private readonly Dictionary<string, (ManagedProcess, int)> _silos = [];
    private readonly Dictionary<string, string> _siloSettings;
    private bool _databaseCreated;
    private bool _virtualHostCreated;

    private Cluster(string name, IReadOnlyDictionary<string, string> siloSettings)
    {
        Name = name;
        var id = $"{DateTime.UtcNow.ToString(StampFormat, CultureInfo.InvariantCulture)}{Guid.NewGuid():N}"[..18];
        Database = $"medvid_dt_{id}";
        VirtualHost = $"medvid-dt-{id}";
        Container = $"medvid-dt-{id}";
        LogFolder = Path.Combine(TestEnvironment.LogRoot, $"{DateTime.Now:yyyyMMdd-HHmmss}-{name}-{id[^6..]}");
        WorkRoot = Path.Combine(Path.GetTempPath(), $"medvid-dt-{id}");
        _siloSettings = new Dictionary<string, string>
        {
            ["Database__Provider"] = "postgres",
            // PostgreSQL here allows 100 connections for everyone (other test runs included); without a cap, a burst of
            // requests makes each replica open one connection per request and the server refuses the rest (53300).
            ["Database__ConnectionString"] = ConnectionString(Database) + ";Maximum Pool Size=20",
            ["ControlPlane__Bootstrap__UserName"] = AdminUser,
            ["ControlPlane__Bootstrap__Password"] = AdminPassword,
            ["ControlPlane__Bootstrap__Team"] = "Distributed tests",
            ["ControlPlane__EmbeddedComputeHost"] = "false",
            // The silos of one test form one Orleans cluster in Azurite's table service, apart from every other test's.
            ["GrainCluster__Clustering"] = "azure-table",
            ["GrainCluster__AzureStorage"] = TestEnvironment.AzuriteTablesConnectionString,
            ["GrainCluster__ClusterId"] = Container,
            ["GrainCluster__ServiceId"] = Container,
            // A SIGKILLed silo is declared dead in seconds rather than the production default of about a minute.
            ["GrainCluster__Membership__ProbeTimeout"] = "00:00:02",
            ["GrainCluster__Membership__NumMissedProbesLimit"] = "2",
            ["GrainCluster__Membership__NumVotesForDeathDeclaration"] = "1",
        };
        foreach (var (key, value) in CommonSettings()) _siloSettings[key] = value;
        foreach (var (key, value) in siloSettings) _siloSettings[key] = value;
    }

    public string Name { get; }
    public string Database { get; }
    public string VirtualHost { get; }
    public string Container { get; }
    public string LogFolder { get; }
    public string WorkRoot { get; }

    /// <summary>Creates the database, virtual host and container names; the database and virtual host exist when this returns.</summary>
    /// <param name="siloSettings">Configuration for every silo on top of the defaults, e.g. ControlPlane__HeartbeatTimeout.</param>
    public static async Task<Cluster> CreateAsync(string name, IReadOnlyDictionary<string, string>? siloSettings = null)
    {
        await SweepOnce.Value;
        var cluster = new Cluster(name, siloSettings ?? new Dictionary<string, string>());
        try
        {
            await cluster.CreateDatabaseAsync();
            await RabbitMq.CreateVirtualHostAsync(cluster.VirtualHost);
            cluster._virtualHostCreated = true;
            Directory.CreateDirectory(cluster.WorkRoot);
            Directory.CreateDirectory(cluster.LogFolder);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts silo replicas at the same time, as a deployment does, over the still empty database (each applies the
    /// migrations and tries to create the bootstrap admin); returns clients in the order of the names.
    /// </summary>
    public async Task<ApiClient[]> StartSilosAsync(params string[] names) => await Task.WhenAll(names.Select(StartSiloAsync));

    /// <summary>Each started silo's process and its Orleans silo port, by name.</summary>
    public IReadOnlyDictionary<string, (ManagedProcess Process, int SiloPort)> Silos
    {
        get
        {
            lock (_silos) return new Dictionary<string, (ManagedProcess, int)>(_silos);
        }
    }

    /// <summary>Starts a silo on free ports and waits until /health answers 200; returns a client signed in as the admin.</summary>
    public Task<ApiClient> StartSiloAsync(string name)
    {
        var siloPort = TestEnvironment.FreeTcpPort();
        return StartApiProcessAsync(name, TestEnvironment.SiloDll, new Dictionary<string, string>
        {
            ["GrainCluster__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["GrainCluster__GatewayPort"] = TestEnvironment.FreeTcpPort().ToString(CultureInfo.InvariantCulture),
        }, process => _silos[name] = (process, siloPort));
    }

    /// <summary>Starts the portal as an Orleans client of this cluster's silos (the distributed deployment's portal).</summary>
    public Task<ApiClient> StartPortalClientAsync(string name) =>
        StartApiProcessAsync(name, TestEnvironment.PortalDll, new Dictionary<string, string> { ["GrainCluster__Role"] = "client" }, _ => { });

    private async Task<ApiClient> StartApiProcessAsync(string name, string dll, Dictionary<string, string> extra, Action<ManagedProcess> started)
    {
        var port = TestEnvironment.FreeTcpPort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var settings = new Dictionary<string, string>(_siloSettings) { ["ASPNETCORE_URLS"] = baseAddress.ToString().TrimEnd('/') };
        foreach (var (key, value) in extra) settings[key] = value;
        var process = Start(name, dll, settings);
        lock (_silos) started(process);
        using (var probe = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) })
        {
            await Eventually.WaitForAsync($"{name} to answer /health with 200", TimeSpan.FromSeconds(90), async () =>
            {
                using var response = await probe.GetAsync("/health");
                return (response.StatusCode == HttpStatusCode.OK, 0, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }, TimeSpan.FromMilliseconds(300), () => process.HasExited ? $"{name} exited" : null);
        }
        // A replica that lost the bootstrap race is up before the winner has put the admin into the team (403 until then).
        var client = await Eventually.WaitForAsync($"the admin to sign in through {name}", TimeSpan.FromSeconds(30), async () =>
        {
            try
            {
                return (true, await ApiClient.SignInAsync(baseAddress, name, AdminUser, AdminPassword), "");
            }
            catch (HttpRequestException e) when (e.StatusCode == HttpStatusCode.Forbidden)
            {
                return (false, null!, e.Message);
            }
        });
        lock (_clients) _clients.Add(client);
        return client;
    }

    /// <summary>
    /// Starts a compute host; it registers with the scheduler through its first heartbeat. <paramref name="simulatedGpus"/>
    /// GPUs are reported as its capacity, and GPU work placed on them runs on the CPU.
    /// </summary>
    public ManagedProcess StartHost(string name, string hostId, int cpuSlots, int simulatedGpus = 0)
    {
        var settings = new Dictionary<string, string>(CommonSettings())
        {
            ["ComputeHost__HostId"] = hostId,
            ["ComputeHost__CpuSlots"] = cpuSlots.ToString(),
            ["ComputeHost__SimulatedGpus"] = simulatedGpus.ToString(),
            ["ComputeHost__HeartbeatInterval"] = "00:00:01",
            ["ComputeHost__WorkDirectory"] = Path.Combine(WorkRoot, name),
        };
        return Start(name, TestEnvironment.GpuHostDll, settings);
    }

    /// <summary>The tail of every process's log, to put into a failure message.</summary>
    public string Diagnostics(int linesPerProcess = 60) =>
        $"Cluster {Name}: database {Database}, virtual host {VirtualHost}, container {Container}, logs in {LogFolder}{Environment.NewLine}" +
        string.Join(Environment.NewLine, _processes.Select(p => p.Tail(linesPerProcess)));

    /// <summary>Runs a test body; any failure is rethrown with the processes' log tails appended.</summary>
    public async Task RunAsync(Func<Task> body)
    {
        try
        {
            await body();
        }
        catch (Exception e)
        {
            throw new XunitException($"{e.GetType().Name}: {e.Message}{Environment.NewLine}{e.StackTrace}{Environment.NewLine}{Environment.NewLine}{Diagnostics()}");
        }
    }

    /// <summary>A blob store over this test's container, for checking what hosts wrote.</summary>
    public AzureBlobStore OpenContainer() => new(AzureBlobOptions.FromConnectionString(TestEnvironment.AzuriteConnectionString, Container));

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients) client.Dispose();
        foreach (var process in _processes) process.Dispose();
        var problems = new List<string>();
        if (_virtualHostCreated) await Try(() => RabbitMq.DeleteVirtualHostAsync(VirtualHost), problems);
        if (_databaseCreated) await Try(DropDatabaseAsync, problems);
        await Try(async () =>
        {
            using var store = OpenContainer();
            await store.DeleteContainerAsync();
        }, problems);
        await Try(() => OrleansTables.DeleteClusterAsync(Container), problems);
        await Try(() =>
        {
            if (Directory.Exists(WorkRoot)) Directory.Delete(WorkRoot, recursive: true);
            return Task.CompletedTask;
        }, problems);
        if (problems.Count > 0 && Directory.Exists(LogFolder))
            File.WriteAllLines(Path.Combine(LogFolder, "cleanup-problems.txt"), problems);
    }

    /// <summary>
    /// Removes databases and virtual hosts that earlier runs left behind (a run killed before its cleanup), once per
    /// run. Only names of this scheme older than two hours are touched, so a run going on beside this one keeps its own.
    /// </summary>
    private static readonly Lazy<Task> SweepOnce = new(async () =>
    {
        try
        {
            var vhosts = await RabbitMq.CtlAsync("list_vhosts", "name", "--no-table-headers");
            foreach (var vhost in vhosts.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(v => IsStale(v, "medvid-dt-")))
                await RabbitMq.DeleteVirtualHostAsync(vhost);
            await using var connection = new NpgsqlConnection(TestEnvironment.PostgresAdmin);
            await connection.OpenAsync();
            var databases = new List<string>();
            await using (var list = new NpgsqlCommand("SELECT datname FROM pg_database WHERE datname LIKE 'medvid\\_dt\\_%'", connection))
            await using (var reader = await list.ExecuteReaderAsync())
                while (await reader.ReadAsync()) databases.Add(reader.GetString(0));
            foreach (var database in databases.Where(d => IsStale(d, "medvid_dt_")))
            {
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
            }
        }
        catch (Exception e) when (e is InvalidOperationException or NpgsqlException or System.Net.Sockets.SocketException)
        {
            // Best effort: a service that is down is reported by the test that needs it.
        }
    });

    private const string StampFormat = "yyMMddHHmmss";

    private static bool IsStale(string name, string prefix) =>
        name.StartsWith(prefix, StringComparison.Ordinal) && name.Length >= prefix.Length + StampFormat.Length
        && DateTime.TryParseExact(name.Substring(prefix.Length, StampFormat.Length), StampFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var created)
        && DateTime.UtcNow - created > TimeSpan.FromHours(2);

    private Dictionary<string, string> CommonSettings() => new()
    {
        ["Blobs__Kind"] = "azure",
        ["Blobs__ConnectionString"] = TestEnvironment.AzuriteConnectionString,
        ["Blobs__Container"] = Container,
        ["Bus__Transport"] = "rabbitmq",
        ["Bus__Host"] = TestEnvironment.RabbitHost,
        ["Bus__VirtualHost"] = VirtualHost,
        ["Bus__Username"] = TestEnvironment.RabbitUser,
        ["Bus__Password"] = TestEnvironment.RabbitPassword,
    };

    private ManagedProcess Start(string name, string dll, IReadOnlyDictionary<string, string> settings)
    {
        var process = ManagedProcess.StartDotnet(name, dll, settings, LogFolder);
        lock (_processes) _processes.Add(process);
        return process;
    }

    private static string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresAdmin) { Database = database }.ConnectionString;

    private async Task CreateDatabaseAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(TestEnvironment.PostgresAdmin);
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{Database}\"", connection);
            await create.ExecuteNonQueryAsync();
            _databaseCreated = true;
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException)
        {
            throw new InvalidOperationException($"Could not create PostgreSQL database {Database}. {TestEnvironment.StartServicesHint}", e);
        }
    }

    private async Task DropDatabaseAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(TestEnvironment.PostgresAdmin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task Try(Func<Task> cleanup, List<string> problems)
    {
        try
        {
            await cleanup();
        }
        catch (Exception e)
        {
            problems.Add(e.ToString());
        }
    }
}
