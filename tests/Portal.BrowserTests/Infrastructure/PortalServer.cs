using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace MedVid.Portal.BrowserTests.Infrastructure;

/// <summary>
/// The portal in its embedded configuration (SQLite in a temporary folder, folder blob store, in-memory bus,
/// in-process compute host) served by Kestrel on a free loopback port, so a real browser can reach it.
/// </summary>
public sealed class PortalServer : WebApplicationFactory<Program>
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "admin-password-1";
    public const string AdminTeam = "Team A";

    public PortalServer()
    {
        Root = Path.Combine(Path.GetTempPath(), $"medvid-browser-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Root);
        HostId = $"browser-host-{Guid.NewGuid():N}"[..24];
        Port = FreePort();
        BaseUrl = $"http://127.0.0.1:{Port}";
        UseKestrel(Port);
    }

    public string Root { get; }

    public string HostId { get; }

    public int Port { get; }

    public string BaseUrl { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Host settings (not app configuration): the control plane reads its options while services are registered.
        builder.UseSetting("Database:Provider", "sqlite");
        builder.UseSetting("Database:ConnectionString", $"Data Source={Path.Combine(Root, "medvid.db")}");
        builder.UseSetting("Blobs:Kind", "folder");
        builder.UseSetting("Blobs:Folder", Path.Combine(Root, "blobs"));
        builder.UseSetting("Bus:Transport", "inmemory");
        builder.UseSetting("ControlPlane:EmbeddedComputeHost", "true");
        builder.UseSetting("ControlPlane:Bootstrap:UserName", AdminUser);
        builder.UseSetting("ControlPlane:Bootstrap:Password", AdminPassword);
        builder.UseSetting("ControlPlane:Bootstrap:Team", AdminTeam);
        builder.UseSetting("ComputeHost:HostId", HostId);
        builder.UseSetting("ComputeHost:HeartbeatInterval", "00:00:00.500");
        builder.UseSetting("ComputeHost:WorkDirectory", Path.Combine(Root, "work"));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }

    /// <summary>An HttpClient for the API with a token of the user (for their first team, or <paramref name="teamId"/>).</summary>
    public async Task<HttpClient> ApiClientAsync(string userName, string password, Guid? teamId = null)
    {
        var http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        using var response = await http.PostAsJsonAsync("/api/v1/auth/tokens", new { userName, password, teamId });
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"login of {userName} failed: {(int)response.StatusCode} {body}");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)JsonNode.Parse(body)!["token"]!);
        return http;
    }

    public void DeleteFiles()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A compute host's file may still be closing; the folder is under the temp directory.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
