using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace MedVid.Cli.Tests;

/// <summary>A silo process in the embedded configuration (SQLite, folder blobs, in-memory bus, in-process host) on a free port.</summary>
public sealed class EmbeddedSilo : IAsyncLifetime
{
    public const string User = "cli-admin";
    public const string Password = "cli-password-1";

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"medvid-cli-tests-{Guid.NewGuid():N}");
    private Process? _process;
    private readonly List<string> _log = [];

    public string Url { get; private set; } = "";

    public string Root => _root;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        Url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(Output("MedVid.SiloOutput"), "MedVid.Silo.dll"));
        start.Environment["ASPNETCORE_URLS"] = Url;
        start.Environment["Database__ConnectionString"] = $"Data Source={Path.Combine(_root, "medvid.db")}";
        start.Environment["Blobs__Folder"] = Path.Combine(_root, "blobs");
        start.Environment["ControlPlane__EmbeddedComputeHost"] = "true";
        start.Environment["ControlPlane__Bootstrap__UserName"] = User;
        start.Environment["ControlPlane__Bootstrap__Password"] = Password;
        start.Environment["ComputeHost__HostId"] = $"cli-test-{Guid.NewGuid():N}"[..20];
        start.Environment["ComputeHost__HeartbeatInterval"] = "00:00:00.500";
        start.Environment["ComputeHost__WorkDirectory"] = Path.Combine(_root, "work");
        _process = Process.Start(start) ?? throw new InvalidOperationException("the silo did not start");
        _process.OutputDataReceived += (_, e) => { lock (_log) _log.Add(e.Data ?? ""); };
        _process.ErrorDataReceived += (_, e) => { lock (_log) _log.Add(e.Data ?? ""); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var http = new HttpClient();
        for (var i = 0; i < 120; i++)
        {
            Assert.False(_process.HasExited, $"the silo exited while starting:\n{Log()}");
            try
            {
                if ((await http.GetAsync($"{Url}/health")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(500);
        }
        Assert.Fail($"the silo did not become healthy:\n{Log()}");
    }

    public string Log()
    {
        lock (_log) return string.Join('\n', _log.TakeLast(40));
    }

    public static string Output(string key) =>
        typeof(EmbeddedSilo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false }) _process.Kill(entireProcessTree: true);
        _process?.WaitForExit(10_000);
        _process?.Dispose();
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }
}
