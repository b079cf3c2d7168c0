using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using MedVid.Contracts.Training;
using MedVid.Cli.Api;

namespace MedVid.Cli.Commands;

/// <summary>`runs`: start, list, show, watch and cancel training runs.</summary>
public static class RunsCommand
{
    public static Command Create()
    {
        var runs = new Command("runs", "Training runs of your team");
        runs.Subcommands.Add(List());
        runs.Subcommands.Add(Start());
        runs.Subcommands.Add(Show());
        runs.Subcommands.Add(Cancel());
        return runs;
    }

    private static Command List()
    {
        var list = new Command("list", "List training runs, newest first");
        list.PrintEach("api/v1/training-runs",
            r => $"{r["id"]}  {r["spec"]!["recipe"],-28} {r["spec"]!["modelSize"],-9} {r["status"],-9} {StageStep(r)}  loss {Metric(r, "loss")}");
        return list;
    }

    private static Command Start()
    {
        var dataset = new Option<Guid>("--dataset") { Description = "Dataset id", Required = true };
        var version = new Option<int>("--version") { Description = "Dataset version", DefaultValueFactory = _ => 1 };
        var recipe = new Option<string>("--recipe") { Description = string.Join(", ", TrainingVocabulary.Recipes), DefaultValueFactory = _ => TrainingVocabulary.Standard };
        var size = new Option<string>("--size") { Description = "Model size: " + string.Join(", ", TrainingVocabulary.ModelSizes), DefaultValueFactory = _ => TrainingVocabulary.Tiny };
        var steps = new Option<long>("--steps") { Description = "Total optimizer steps", Required = true };
        var gpus = new Option<int>("--gpus") { Description = "GPUs (0 runs on CPU slots)", DefaultValueFactory = _ => 0 };
        var gpuMemory = new Option<int>("--gpu-memory-gb") { Description = "Memory each GPU needs (0: any GPU)", DefaultValueFactory = _ => 0 };
        var baseRun = new Option<Guid?>("--base-run") { Description = "Finished run a fine-tuning recipe starts from" };
        var vaeRun = new Option<Guid?>("--vae-run") { Description = "Finished 'vae' run whose autoencoder to use" };
        var set = new Option<string[]>("--set") { Description = "Hyperparameter name=value (repeatable), e.g. --set lr=1e-4 --set batch_size=4", AllowMultipleArgumentsPerToken = false };
        var evaluatePrompts = new Option<string[]>("--evaluate-prompt")
            { Description = "Once the run succeeded, evaluate every kept checkpoint on videos of this prompt (repeatable; docs/evaluation.md)" };
        var evaluateCount = new Option<int>("--evaluate-count") { Description = "Videos per prompt and checkpoint", DefaultValueFactory = _ => 4 };
        var evaluateSplit = new Option<string>("--evaluate-against") { Description = "Real clips: test (held out), train or all", DefaultValueFactory = _ => "test" };
        var noWait = new Option<bool>("--no-wait") { Description = "Return once the run is queued" };
        var start = new Command("start", "Start a training run and follow it (Ctrl-C cancels it)") { dataset, version, recipe, size, steps, gpus, gpuMemory, baseRun, vaeRun, set, evaluatePrompts, evaluateCount, evaluateSplit, noWait };
        start.Run(async (result, ct) =>
        {
            var hyperparameters = ParseSettings(result.GetValue(set) ?? []);
            using var client = CliContext.Client(result);
            var run = await client.PostAsync("api/v1/training-runs", new
            {
                datasetId = result.GetValue(dataset), datasetVersion = result.GetValue(version), recipe = result.GetValue(recipe),
                modelSize = result.GetValue(size), totalSteps = result.GetValue(steps), gpus = result.GetValue(gpus), gpuMemoryGb = result.GetValue(gpuMemory),
                hyperparameters, baseRunId = result.GetValue(baseRun), vaeRunId = result.GetValue(vaeRun),
                evaluation = result.GetValue(evaluatePrompts) is { Length: > 0 } prompts
                    ? new { prompts, countPerPrompt = result.GetValue(evaluateCount), referenceSplit = result.GetValue(evaluateSplit) }
                    : null,
            }, ct);
            Console.WriteLine($"training run {run["id"]} queued");
            if (result.GetValue(noWait)) return;
            await WatchAsync(client, run["id"]!.GetValue<string>(), ct);
        });
        return start;
    }

    private static Command Show()
    {
        var id = new Argument<Guid>("id") { Description = "Training run id" };
        var watch = new Option<bool>("--watch") { Description = "Follow the run until it finishes (Ctrl-C cancels it)" };
        var show = new Command("show", "Show a run, its metrics and checkpoints") { id, watch };
        show.Run(async (result, ct) =>
        {
            using var client = CliContext.Client(result);
            if (result.GetValue(watch))
            {
                await WatchAsync(client, result.GetValue(id).ToString(), ct);
                return;
            }
            var run = await client.GetAsync($"api/v1/training-runs/{result.GetValue(id)}", ct);
            Console.WriteLine($"{run["id"]}  {run["spec"]!["recipe"]} {run["spec"]!["modelSize"]}  {run["status"]}  {StageStep(run)}");
            foreach (var (name, value) in run["metrics"]!.AsObject()) Console.WriteLine($"  {name,-14} {value}");
            foreach (var c in run["checkpoints"]!.AsArray())
                Console.WriteLine($"  checkpoint step {c!["step"]}  sha256 {c["modelSha256"]}  {c["prefix"]}");
            if (run["error"] is { } error) Console.WriteLine($"  error: {error}");
        });
        return show;
    }

    private static Command Cancel()
    {
        var id = new Argument<Guid>("id") { Description = "Training run id" };
        var cancel = new Command("cancel", "Cancel a queued or running run") { id };
        cancel.Run(async (result, ct) =>
        {
            using var client = CliContext.Client(result);
            var run = await client.PostAsync($"api/v1/training-runs/{result.GetValue(id)}/cancel", new { }, ct);
            Console.WriteLine($"{run["id"]} {run["status"]}");
        });
        return cancel;
    }

    /// <summary>Parses name=value pairs; a malformed one is a usage error, reported before anything is sent.</summary>
    public static Dictionary<string, double> ParseSettings(IEnumerable<string> settings)
    {
        var values = new Dictionary<string, double>();
        foreach (var setting in settings)
        {
            var parts = setting.Split('=', 2);
            if (parts.Length != 2 || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                throw new ApiError(0, $"--set expects name=number, got '{setting}'.");
            values[parts[0].Trim()] = value;
        }
        return values;
    }

    private static async Task WatchAsync(MedVidClient client, string id, CancellationToken ct)
    {
        var bar = new ConsoleProgress("train");
        JsonNode run;
        try
        {
            while (true)
            {
                run = await client.GetAsync($"api/v1/training-runs/{id}", ct);
                var status = run["status"]!.GetValue<string>();
                if (status is not ("Queued" or "Running")) break;
                bar.Report(run["progress"]!.GetValue<double>(),
                    $"{StageStep(run)} loss {Metric(run, "loss")} lr {Metric(run, "lr")} eta {Metric(run, "eta_s")}s");
                await Task.Delay(1000, ct);
            }
        }
        catch (OperationCanceledException)
        {
            await client.PostAsync($"api/v1/training-runs/{id}/cancel", new { }, CancellationToken.None);
            throw;
        }
        bar.Report(1);
        Console.WriteLine(run["status"]!.GetValue<string>() == "Succeeded"
            ? $"run {id} succeeded at {StageStep(run)}, loss {Metric(run, "loss")}, {run["checkpoints"]!.AsArray().Count} checkpoint(s)"
            : $"run {id} {run["status"]}: {run["error"]}");
        if (run["status"]!.GetValue<string>() != "Succeeded") throw new ApiError(0, $"training run {run["status"]}");
    }

    private static string Metric(JsonNode? run, string name) =>
        run?["metrics"]?[name] is { } value ? value.GetValue<double>().ToString("G4", CultureInfo.InvariantCulture) : "-";

    /// <summary>"vae step 120/300" or "diffusion step 1/600": runs with a VAE stage count each stage's steps from 1.</summary>
    private static string StageStep(JsonNode run) => $"{run["stage"]} step {run["step"]}/{run["stageSteps"]}";
}
