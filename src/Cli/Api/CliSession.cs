using System.Text.Json;

namespace MedVid.Cli.Api;

/// <summary>Where the CLI keeps its server URL and API token between runs (file mode 600).</summary>
public sealed record CliSession(string Url, string Token)
{
    public static string DefaultPath =>
        Environment.GetEnvironmentVariable("MEDVID_CLI_SESSION")
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config", "medvid", "session.json");

    public static CliSession Load(string path)
    {
        if (!File.Exists(path)) throw new ApiError(0, $"Not signed in: run 'medvid login' first (no session at {path}).");
        return JsonSerializer.Deserialize<CliSession>(File.ReadAllText(path)) ?? throw new ApiError(0, $"The session file {path} is empty.");
    }

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, JsonSerializer.Serialize(this));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite); // the token is a secret
    }
}
