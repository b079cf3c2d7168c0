using System.CommandLine;
using System.Text.Json.Nodes;
using MedVid.Cli.Api;

namespace MedVid.Cli.Commands;

/// <summary>Options every command shares, and how a command turns into an exit code.</summary>
public static class CliContext
{
    public static readonly Option<string> Session = new("--session")
    {
        Description = "Session file holding the server URL and API token",
        DefaultValueFactory = _ => CliSession.DefaultPath,
        Recursive = true,
    };

    public static MedVidClient Client(ParseResult result)
    {
        var session = CliSession.Load(result.GetValue(Session)!);
        return MedVidClient.For(session.Url, session.Token);
    }

    /// <summary>Runs a listing: one line, as <paramref name="line"/> writes it, per item of the JSON array the API answers at <paramref name="path"/>.</summary>
    public static void PrintEach(this Command command, Func<ParseResult, string> path, Func<JsonNode, string> line) =>
        command.Run(async (result, ct) =>
        {
            using var client = Client(result);
            foreach (var item in (await client.GetAsync(path(result), ct)).AsArray()) Console.WriteLine(line(item!));
        });

    public static void PrintEach(this Command command, string path, Func<JsonNode, string> line) => command.PrintEach(_ => path, line);

    /// <summary>Runs a command body: API errors print the server's message and exit 1; Ctrl-C exits 130.</summary>
    public static void Run(this Command command, Func<ParseResult, CancellationToken, Task> body) =>
        command.SetAction(async (result, ct) =>
        {
            try
            {
                await body(result, ct);
                return 0;
            }
            catch (ApiError e)
            {
                Console.Error.WriteLine(e.Status > 0 ? $"error ({e.Status}): {e.Message}" : $"error: {e.Message}");
                return 1;
            }
            catch (OperationCanceledException)
            {
                Console.Error.WriteLine("cancelled");
                return 130;
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
}
