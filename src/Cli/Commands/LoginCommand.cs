using System.CommandLine;
using MedVid.Cli.Api;

namespace MedVid.Cli.Commands;

public static class LoginCommand
{
    public static readonly Option<string> Url = new("--url") { Description = "Base URL of the MedVid portal or silo", Required = true };
    public static readonly Option<string> User = new("--user") { Description = "User name", Required = true };
    public static readonly Option<string> Password = new("--password") { Description = "Password (or MEDVID_PASSWORD)" };
    public static readonly Option<Guid?> Team = new("--team") { Description = "Team id (default: the user's first team)" };

    public static Command Create()
    {
        var command = new Command("login", "Sign in and keep an API token for the next commands") { Url, User, Password, Team };
        command.Run(async (result, ct) =>
        {
            var session = await SignInAsync(result.GetValue(Url)!, result.GetValue(User)!, PasswordOf(result), result.GetValue(Team), ct);
            session.Save(result.GetValue(CliContext.Session)!);
            Console.WriteLine($"signed in to {session.Url}");
        });
        return command;
    }

    public static async Task<CliSession> SignInAsync(string url, string user, string password, Guid? team, CancellationToken ct)
    {
        using var client = MedVidClient.For(url, null);
        var issued = await client.PostAsync("api/v1/auth/tokens", new { userName = user, password, teamId = team, name = "medvid-cli" }, ct);
        return new CliSession(url, issued["token"]!.GetValue<string>());
    }

    public static string PasswordOf(ParseResult result) =>
        result.GetValue(Password) ?? Environment.GetEnvironmentVariable("MEDVID_PASSWORD")
        ?? throw new ApiError(0, "Give --password or set MEDVID_PASSWORD.");
}
