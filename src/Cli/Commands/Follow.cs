using System.Text.Json.Nodes;
using MedVid.Cli.Api;

namespace MedVid.Cli.Commands;

/// <summary>Follows an entity of the API (a generation job, an evaluation, an export run) until it ends, with a progress bar.</summary>
internal static class Follow
{
    /// <summary>
    /// Polls <paramref name="url"/> every second: a succeeded entity is returned, a failed or cancelled one exits 1 with
    /// its error, and Ctrl-C cancels it (POST {url}/cancel). <paramref name="note"/> adds a word to the bar (e.g. why it waits).
    /// </summary>
    public static async Task<JsonNode> UntilDoneAsync(MedVidClient client, string url, string what, CancellationToken ct, Func<JsonNode, string?>? note = null)
    {
        var bar = new ConsoleProgress(what);
        try
        {
            while (true)
            {
                var entity = await client.GetAsync(url, ct);
                var status = entity["status"]!.GetValue<string>();
                if (status == "Succeeded")
                {
                    bar.Report(1);
                    return entity;
                }
                if (status is "Failed" or "Cancelled") throw new ApiError(0, $"{what} {status.ToLowerInvariant()}: {entity["error"]}");
                bar.Report(entity["progress"]!.GetValue<double>(), note?.Invoke(entity));
                await Task.Delay(1000, ct);
            }
        }
        catch (OperationCanceledException)
        {
            await client.PostAsync($"{url}/cancel", new { }, CancellationToken.None);
            throw;
        }
    }
}
