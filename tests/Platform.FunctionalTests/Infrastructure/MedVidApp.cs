using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace MedVid.Platform.FunctionalTests.Infrastructure;

/// <summary>
/// The silo in its embedded configuration, in process: a database of its own (see <see cref="DatabaseSettings"/>),
/// a temporary blob folder, the in-memory bus, and an in-process compute host that ingests uploads. Shared by the
/// tests of one class (IClassFixture); everything it created on disk is removed when it is disposed.
/// </summary>
public abstract class MedVidApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "admin-password-1";
    public const string AdminTeam = "Team A";
    public const long MaxUploadBytes = 5 * 1024 * 1024;

    protected MedVidApp()
    {
        Root = Path.Combine(Path.GetTempPath(), $"medvid-functional-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Root);
        BlobFolder = Path.Combine(Root, "blobs");
        HostId = $"test-host-{Guid.NewGuid():N}"[..24];
    }

    /// <summary>Everything this app writes to disk lives under this folder.</summary>
    public string Root { get; }

    public string BlobFolder { get; }

    /// <summary>The embedded compute host's id (unique, so parallel apps never share a queue name).</summary>
    public string HostId { get; }

    /// <summary>The bootstrap admin's client, scoped to the bootstrap team.</summary>
    public ApiClient Admin { get; private set; } = null!;

    /// <summary>A safetensors file of I3D weights for the embedded host (ComputeHost:I3dWeights); none by default.</summary>
    public string? I3dWeights { get; init; }

    /// <summary>"Database:Provider" and "Database:ConnectionString".</summary>
    protected abstract (string Provider, string ConnectionString) DatabaseSettings { get; }

    /// <summary>Prepares the database server side before the app starts (nothing for SQLite).</summary>
    protected virtual Task PrepareDatabaseAsync() => Task.CompletedTask;

    /// <summary>Removes the database after the app stopped (nothing for SQLite: it is a file under <see cref="Root"/>).</summary>
    protected virtual Task DropDatabaseAsync() => Task.CompletedTask;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // UseSetting, not ConfigureAppConfiguration: the control plane reads its options while services are
        // registered, and only host settings (passed to Program as arguments) are visible that early.
        var (provider, connection) = DatabaseSettings;
        builder.UseSetting("Database:Provider", provider);
        builder.UseSetting("Database:ConnectionString", connection);
        builder.UseSetting("Blobs:Kind", "folder");
        builder.UseSetting("Blobs:Folder", BlobFolder);
        builder.UseSetting("Bus:Transport", "inmemory");
        builder.UseSetting("ControlPlane:EmbeddedComputeHost", "true");
        builder.UseSetting("ControlPlane:MaxUploadBytes", MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("ControlPlane:Bootstrap:UserName", AdminUser);
        builder.UseSetting("ControlPlane:Bootstrap:Password", AdminPassword);
        builder.UseSetting("ControlPlane:Bootstrap:Team", AdminTeam);
        builder.UseSetting("ComputeHost:HostId", HostId);
        builder.UseSetting("ComputeHost:HeartbeatInterval", "00:00:00.500");
        builder.UseSetting("ComputeHost:WorkDirectory", Path.Combine(Root, "work"));
        if (I3dWeights is not null) builder.UseSetting("ComputeHost:I3dWeights", I3dWeights);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }

    public async Task InitializeAsync()
    {
        await PrepareDatabaseAsync();
        Admin = await LoginAsync(AdminUser, AdminPassword);
        // The first heartbeat registers the embedded host; ingest can only be placed once it did.
        await Poll.UntilAsync(async () =>
        {
            var hosts = await Admin.GetJsonAsync<JsonArray>("/api/v1/hosts");
            return hosts.Any(h => (string?)h!["hostId"] == HostId && (string?)h["status"] == "Online");
        }, TimeSpan.FromSeconds(30), $"the embedded compute host {HostId} never came online");
        await SeedAsync();
    }

    /// <summary>Data the tests of a class share, made once after start-up.</summary>
    protected virtual Task SeedAsync() => Task.CompletedTask;

    /// <summary>A client with no token.</summary>
    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Issues a token (for <paramref name="teamId"/>, or the user's first team) and returns a client that sends it.</summary>
    public async Task<ApiClient> LoginAsync(string userName, string password, Guid? teamId = null)
    {
        var http = Anonymous();
        using var response = await http.PostAsJsonAsync("/api/v1/auth/tokens", new { userName, password, teamId });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"login of {userName} failed: {(int)response.StatusCode} {body}");
        var issued = JsonNode.Parse(body)!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)issued["token"]!);
        return new ApiClient(http, (string)issued["token"]!, Guid.Parse((string)issued["teamId"]!));
    }

    /// <summary>
    /// A second user with a team of their own: the admin adds them to the first team as a rater (the way users are
    /// created), then, as the platform admin, creates a team with them as its admin; returns their token for it.
    /// </summary>
    public async Task<ApiClient> OutsiderAsync(string userName)
    {
        const string password = "outsider-password-1";
        (await Admin.PutJsonAsync("/api/v1/teams/current/members", new { userName, role = "rater", password })).EnsureSuccessStatusCode();
        var team = await Admin.PostJsonAsync<JsonObject>("/api/v1/teams", new { name = $"Team of {userName}", gpuQuota = 0, adminUserName = userName });
        return await LoginAsync(userName, password, Guid.Parse((string)team["id"]!));
    }

    /// <summary>Relative paths of every file under the blob folder.</summary>
    public IReadOnlySet<string> BlobFiles() =>
        Directory.Exists(BlobFolder)
            ? Directory.EnumerateFiles(BlobFolder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(BlobFolder, f)).ToHashSet()
            : new HashSet<string>();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await DropDatabaseAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools(); // releases the file handles so the folder can go
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
                return;
            }
            catch (IOException) when (attempt < 5)
            {
                await Task.Delay(200);
            }
        }
    }
}

/// <summary>The embedded configuration over a SQLite file of its own.</summary>
public class SqliteApp : MedVidApp
{
    protected override (string Provider, string ConnectionString) DatabaseSettings =>
        ("sqlite", $"Data Source={Path.Combine(Root, "medvid.db")}");
}
