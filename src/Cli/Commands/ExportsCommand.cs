using System.CommandLine;
using System.Text.Json.Nodes;
using MedVid.Contracts.Training;
using MedVid.Cli.Api;

namespace MedVid.Cli.Commands;

/// <summary>
/// `exports`: augmentation export specifications, their runs (followed with a progress bar; Ctrl-C cancels), zip
/// downloads, and schedules (<see cref="ExportSchedulesCommand"/>).
/// </summary>
public static class ExportsCommand
{
    public static Command Create() => new("exports", "Data-augmentation exports: specifications, runs, downloads and schedules")
    {
        Specifications(), Run(), Runs(), Download(), ExportSchedulesCommand.Create(),
    };

    private static Command Specifications()
    {
        var run = new Option<Guid>("--run") { Description = "Training run to sample from", Required = true };
        var checkpoint = new Option<long?>("--checkpoint-step") { Description = "A kept checkpoint (default: the newest when each export runs)" };
        var name = new Option<string>("--name") { Description = "Name of the export", DefaultValueFactory = _ => "augmentation set" };
        var labels = new Option<string[]>("--label") { Description = "name=prompt (repeatable)" };
        var labelsFrom = new Option<string?>("--labels-from") { Description = "DATASET_ID:VERSION:LABEL_KEY: one label per value, prompt from its captions" };
        var perLabel = new Option<int>("--videos-per-label") { Description = "1 to 10,000", Required = true };
        var seeds = new Option<long[]>("--seed") { Description = "Fixed seeds, one per video of a label (repeatable; default: fresh each run)" };
        var sampler = new Option<string>("--sampler") { Description = string.Join(" or ", SamplingVocabulary.Samplers), DefaultValueFactory = _ => SamplingVocabulary.Samplers[0] };
        var steps = new Option<int>("--steps") { Description = "Sampling steps", DefaultValueFactory = _ => 50 };
        var guidance = new Option<double>("--guidance") { Description = "Classifier-free guidance scale", DefaultValueFactory = _ => 7.5 };
        var frames = new Option<int>("--frames") { Description = "Frames per video", DefaultValueFactory = _ => 16 };
        var size = new Option<int>("--size") { Description = "Width and height (multiple of 16)", DefaultValueFactory = _ => 64 };
        var retention = new Option<int>("--retention-days") { Description = "Days the zip is kept", DefaultValueFactory = _ => 30 };
        var noZip = new Option<bool>("--no-zip") { Description = "Make no zip (with --synthetic-dataset)" };
        var syntheticDataset = new Option<Guid?>("--synthetic-dataset") { Description = "Also add a synthetic version (real + generated clips) to this dataset" };
        var baseVersion = new Option<int?>("--base-version") { Description = "The dataset version whose real clips the synthetic version keeps (default: the --labels-from version of that dataset)" };
        var labelKey = new Option<string?>("--label-key") { Description = "The label generated clips get (default: the --labels-from key, else 'label')" };
        var filter = new Option<string?>("--filter") { Description = "Keep only rater-accepted videos: medgen-distortion or ophora-seven-criteria" };
        var minimumMean = new Option<double?>("--minimum-mean") { Description = "Ophora filter: the mean (0-3) a video needs" };
        var raters = new Option<Guid[]>("--rater") { Description = "User id of a rater who rates the videos (repeatable; MedGen needs 3)" };
        var ratersPerItem = new Option<int?>("--raters-per-item") { Description = "Ophora filter: raters per video (default 1)" };
        var create = new Command("create", "Store an export specification; prints its id")
        {
            run, checkpoint, name, labels, labelsFrom, perLabel, seeds, sampler, steps, guidance, frames, size, retention, noZip, syntheticDataset, baseVersion,
            labelKey, filter, minimumMean, raters, ratersPerItem,
        };
        create.Run(async (result, ct) =>
        {
            using var client = CliContext.Client(result);
            var fixedSeeds = result.GetValue(seeds) ?? [];
            var spec = await client.PostAsync("api/v1/exports/specifications", new
            {
                name = result.GetValue(name),
                source = new { trainingRunId = result.GetValue(run), checkpointStep = result.GetValue(checkpoint) },
                labels = (result.GetValue(labels) ?? []).Select(ParseLabel).ToList(),
                labelsFrom = ParseOrigin(result.GetValue(labelsFrom)),
                videosPerLabel = result.GetValue(perLabel),
                seeds = fixedSeeds.Length > 0 ? new { kind = "fixed", seeds = fixedSeeds } : new { kind = "fresh", seeds = fixedSeeds },
                sampling = new
                {
                    sampler = result.GetValue(sampler), steps = result.GetValue(steps), guidance = result.GetValue(guidance), frames = result.GetValue(frames),
                    width = result.GetValue(size), height = result.GetValue(size),
                },
                outputs = new
                {
                    zip = !result.GetValue(noZip), retentionDays = result.GetValue(retention), syntheticDatasetId = result.GetValue(syntheticDataset),
                    baseVersion = result.GetValue(baseVersion), labelKey = result.GetValue(labelKey),
                },
                filter = result.GetValue(filter) is { } protocol
                    ? new { protocol, minimumMean = result.GetValue(minimumMean), raters = result.GetValue(raters) ?? [], ratersPerItem = result.GetValue(ratersPerItem) }
                    : null,
            }, ct);
            Console.WriteLine(spec["id"]!.GetValue<string>());
        });
        var list = new Command("list", "The team's export specifications");
        list.PrintEach("api/v1/exports/specifications",
            s => $"{s["id"]}  {s["spec"]!["name"]}  {s["spec"]!["labels"]!.AsArray().Count} labels x {s["spec"]!["videosPerLabel"]} videos");
        return new Command("specs", "Export specifications") { create, list };
    }

    private static Command Run()
    {
        var spec = new Argument<Guid>("specification-id");
        var output = new Option<FileInfo?>("--out") { Description = "Download the zip here when the run succeeds" };
        var noWait = new Option<bool>("--no-wait") { Description = "Return once the run started" };
        var command = new Command("run", "Run a specification now; follows it (Ctrl-C cancels the run) and exits 1 if it fails") { spec, output, noWait };
        command.Run(async (result, ct) =>
        {
            using var client = CliContext.Client(result);
            var run = await client.PostAsync($"api/v1/exports/specifications/{result.GetValue(spec)}/runs", new { }, ct);
            var id = run["id"]!.GetValue<string>();
            Console.WriteLine($"export run {id} started ({run["videos"]} videos)");
            if (result.GetValue(noWait)) return;
            run = await Follow.UntilDoneAsync(client, $"api/v1/exports/runs/{id}", "export run", ct, WaitNote);
            PrintLabels(run);
            PrintOutputs(run);
            if (result.GetValue(output) is { } file)
            {
                await client.DownloadAsync($"api/v1/exports/runs/{id}/download", file.FullName, ct);
                Console.WriteLine($"zip saved to {file.FullName} (SHA-256 {run["package"]!["sha256"]})");
            }
        });
        return command;
    }

    private static Command Runs()
    {
        var list = new Command("list", "The team's export runs, newest first");
        list.PrintEach("api/v1/exports/runs",
            r => $"{r["id"]}  {r["status"],-10}  {r["videosDone"]}/{r["videos"]} videos  {r["name"]}  {r["createdAt"]}");
        var id = new Argument<Guid>("run-id");
        var watch = new Option<bool>("--watch") { Description = "Follow the run until it ends" };
        var show = new Command("show", "A run with its labels") { id, watch };
        show.Run(async (result, ct) =>
        {
            using var client = CliContext.Client(result);
            var run = result.GetValue(watch)
                ? await Follow.UntilDoneAsync(client, $"api/v1/exports/runs/{result.GetValue(id).ToString()}", "export run", ct, WaitNote)
                : await client.GetAsync($"api/v1/exports/runs/{result.GetValue(id)}", ct);
            Console.WriteLine($"{run["status"]}  checkpoint step {run["checkpointStep"]}  {run["videosDone"]}/{run["videos"]} videos");
            PrintLabels(run);
            PrintOutputs(run);
            if (run["error"] is JsonValue error) Console.WriteLine(error);
        });
        return new Command("runs", "Export runs") { list, show, Action("cancel", "Cancel a run"), Action("retry", "Retry a failed run (finished labels are kept)") };
    }

    private static Command Download()
    {
        var id = new Argument<Guid>("run-id");
        var output = new Option<FileInfo>("--out") { Description = "Where to save the zip", Required = true };
        var command = new Command("download", "Download a run's zip") { id, output };
        command.Run(async (result, ct) =>
        {
            using var client = CliContext.Client(result);
            await client.DownloadAsync($"api/v1/exports/runs/{result.GetValue(id)}/download", result.GetValue(output)!.FullName, ct);
            Console.WriteLine(result.GetValue(output)!.FullName);
        });
        return command;
    }

    private static Command Action(string verb, string description)
    {
        var id = new Argument<Guid>("run-id");
        var command = new Command(verb, description) { id };
        command.Run(async (result, ct) =>
        {
            using var client = CliContext.Client(result);
            var run = await client.PostAsync($"api/v1/exports/runs/{result.GetValue(id)}/{verb}", new { }, ct);
            Console.WriteLine($"{run["id"]}  {run["status"]}");
        });
        return command;
    }

    /// <summary>What an export run is doing besides its progress: packaging, or why its labels wait.</summary>
    private static string? WaitNote(JsonNode run) => run["status"]!.GetValue<string>() switch
    {
        "Packaging" => "packaging",
        "Rating" when run["rating"] is JsonObject r => $"waiting for raters: {r["decided"]}/{r["videos"]} decided, {r["accepted"]} accepted",
        _ => run["labels"]!.AsArray().Select(l => l!["waitReason"]).OfType<JsonValue>().FirstOrDefault()?.GetValue<string>(),
    };

    private static void PrintLabels(JsonNode run)
    {
        foreach (var label in run["labels"]!.AsArray())
            Console.WriteLine($"  {label!["name"],-24} {label["status"],-10} {label["videosDone"]}/{label["videos"]}{(label["error"] is JsonValue e ? $"  {e}" : "")}");
    }

    /// <summary>What the run produced: its zip's note, and the synthetic dataset version it added.</summary>
    private static void PrintOutputs(JsonNode run)
    {
        if (run["rating"] is JsonObject rating)
            Console.WriteLine($"acceptance rating (campaign {rating["campaignId"]}): {rating["decided"]}/{rating["videos"]} decided, {rating["accepted"]} accepted");
        if (run["package"] is not JsonObject package) return;
        Console.WriteLine(package["note"]);
        if (package["datasetVersion"] is JsonObject version)
            Console.WriteLine($"dataset {version["datasetId"]} version {version["version"]}: {version["clips"]} clips, {version["syntheticClips"]} of them synthetic");
    }

    private static object ParseLabel(string text)
    {
        var at = text.IndexOf('=', StringComparison.Ordinal);
        if (at <= 0) throw new ApiError(0, $"--label '{text}' must be name=prompt.");
        return new { name = text[..at], prompt = text[(at + 1)..] };
    }

    private static object? ParseOrigin(string? text)
    {
        if (text is null) return null;
        var parts = text.Split(':');
        if (parts.Length != 3 || !Guid.TryParse(parts[0], out var dataset) || !int.TryParse(parts[1], out var version))
            throw new ApiError(0, $"--labels-from '{text}' must be DATASET_ID:VERSION:LABEL_KEY.");
        return new { datasetId = dataset, version, labelKey = parts[2] };
    }
}
