using System.CommandLine;
using System.Text.Json.Nodes;
using MedVid.Cli.Api;

namespace MedVid.Cli.Commands;

/// <summary>`datasets curate`: starts a curation run, shows its progress, and prints the version it produced.</summary>
public static class CurateCommand
{
    public static Command Create(Argument<Guid> datasetId, Option<bool> noWait)
    {
        var preset = new Option<string?>("--preset") { Description = "Preset: default, bora, bora-128, medgen, ophora" };
        var config = new Option<FileInfo?>("--config") { Description = "A full curation configuration (JSON file); see GET /api/v1/datasets/curation-presets" };
        var notes = new Option<string?>("--notes") { Description = "Notes recorded with the dataset version" };
        var command = new Command("curate", "Curate the dataset's videos into a new version (Ctrl-C cancels the run)") { datasetId, preset, config, notes, noWait };
        command.Run(async (result, ct) =>
        {
            using var client = CliContext.Client(result);
            var dataset = result.GetValue(datasetId);
            JsonNode? configJson = result.GetValue(config) is { } file ? JsonNode.Parse(await File.ReadAllTextAsync(file.FullName, ct)) : null;
            var run = await client.PostAsync($"api/v1/datasets/{dataset}/curations",
                new { preset = result.GetValue(preset), config = configJson, notes = result.GetValue(notes) }, ct);
            Console.WriteLine($"curation {run["id"]} queued over {run["sourceCount"]} video(s)");
            if (result.GetValue(noWait)) return;
            run = await WaitAsync(client, dataset, run["id"]!.GetValue<string>(), ct);
            // A failed run exits non-zero, so scripts do not go on to train on a version that was never written.
            if (run["status"]!.GetValue<string>() != "Succeeded") throw new ApiError(0, $"curation {run["status"]}: {run["error"]}");
            Console.WriteLine($"version {run["version"]} written");
        });
        return command;
    }

    public static async Task<JsonNode> WaitAsync(MedVidClient client, Guid dataset, string curationId, CancellationToken ct)
    {
        var bar = new ConsoleProgress("curate");
        try
        {
            while (true)
            {
                var run = await client.GetAsync($"api/v1/datasets/{dataset}/curations/{curationId}", ct);
                var status = run["status"]!.GetValue<string>();
                if (status is not ("Queued" or "Running"))
                {
                    bar.Report(1);
                    return run;
                }
                bar.Report(run["progress"]!.GetValue<double>(), run["stage"]?.GetValue<string>());
                await Task.Delay(1000, ct);
            }
        }
        catch (OperationCanceledException)
        {
            await client.PostAsync($"api/v1/datasets/{dataset}/curations/{curationId}/cancel", new { }, CancellationToken.None);
            throw;
        }
    }
}
