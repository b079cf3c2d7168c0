using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace MedVid.Distributed.Tests.Infrastructure;

/// <summary>
/// Where the processes under test are built and where the shared services listen. The services are the ones
/// infra/services/all.sh starts; the tests never skip when one is down, they fail saying how to start it.
/// </summary>
internal static class TestEnvironment
{
    public const string PostgresAdmin = "Host=127.0.0.1;Port=5432;Username=postgres;Password=medvid-dev;Database=postgres";

    public const string RabbitHost = "127.0.0.1";
    public const string RabbitUser = "medvid";
    public const string RabbitPassword = "medvid-dev";

    /// <summary>Azurite's published development account, with an explicit endpoint.</summary>
    public const string AzuriteConnectionString =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;";

    /// <summary>The same account's table service (Orleans cluster membership and reminders).</summary>
    public const string AzuriteTablesConnectionString =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";

    public const string StartServicesHint = "Start the services with `infra/services/all.sh start` (from the repository root).";

    public static string RepositoryRoot => Metadata("MedVid.RepositoryRoot");

    public static string SiloDll => Built(Metadata("MedVid.SiloOutput"), "MedVid.Silo.dll");

    public static string PortalDll => Built(Metadata("MedVid.PortalOutput"), "MedVid.Portal.dll");

    public static string GpuHostDll => Built(Metadata("MedVid.GpuHostOutput"), "MedVid.GpuHost.dll");

    public static string RabbitMqScript => Path.Combine(RepositoryRoot, "infra", "services", "rabbitmq.sh");

    /// <summary>Logs of every process a test starts, kept after the run (bin/…/logs/&lt;test&gt;-&lt;time&gt;).</summary>
    public static string LogRoot => Path.Combine(AppContext.BaseDirectory, "logs");

    public static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Built(string folder, string file)
    {
        var path = Path.Combine(folder, file);
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{path} does not exist; build the solution (the test project references it, so `dotnet test` builds it).");
    }

    private static string Metadata(string key) =>
        typeof(TestEnvironment).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"Assembly metadata {key} is missing (set by Distributed.Tests.csproj).");
}
