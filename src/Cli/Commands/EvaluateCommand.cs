using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using MedVid.Cli.Api;

namespace MedVid.Cli.Commands;

/// <summary>`evaluate`: a generation job's (or an export run's) videos against a dataset version; follows the evaluation and prints its summary.</summary>
public static class EvaluateCommand
{
    public static Command Create()
    {
        var job = new Option<Guid?>("--job") { Description = "Succeeded generation job whose videos are evaluated" };
        var export = new Option<Guid?>("--export") { Description = "Succeeded export run whose generated videos are evaluated (instead of --job)" };
        var dataset = new Option<Guid>("--dataset") { Description = "Dataset with the real clips", Required = true };
        var version = new Option<int>("--version") { Description = "Dataset version", Required = true };
        var split = new Option<string>("--reference-split") { Description = "Real clips to compare with: test (held out), train or all", DefaultValueFactory = _ => "test" };
        var labelKey = new Option<string?>("--label-key") { Description = "Label of the training clips the learned encoder separates (default: modality)" };
        var report = new Option<FileInfo?>("--report") { Description = "File to download the per-video report (JSON) into" };
        var noWait = new Option<bool>("--no-wait") { Description = "Return once the evaluation is queued" };
        var command = new Command("evaluate", "Evaluate generated videos against real clips: pixel metrics, Fréchet distance, memorisation (Ctrl-C cancels)")
            { job, export, dataset, version, split, labelKey, report, noWait };
        command.Run(async (result, ct) =>
        {
            using var client = CliContext.Client(result);
            var evaluation = await client.PostAsync("api/v1/evaluations", new
            {
                generationJobId = result.GetValue(job), exportRunId = result.GetValue(export), datasetId = result.GetValue(dataset), datasetVersion = result.GetValue(version),
                referenceSplit = result.GetValue(split), labelKey = result.GetValue(labelKey),
            }, ct);
            var id = evaluation["id"]!.GetValue<string>();
            Console.WriteLine($"evaluation {id} queued");
            if (result.GetValue(noWait)) return;
            evaluation = await Follow.UntilDoneAsync(client, $"api/v1/evaluations/{id}", "evaluation", ct);
            Print(evaluation["result"]!);
            if (result.GetValue(report) is { } file)
            {
                await client.DownloadBlobAsync(evaluation["result"]!["reportBlob"]!.GetValue<string>(), file.FullName, ct);
                Console.WriteLine($"per-video report: {file.FullName}");
            }
        });
        return command;
    }

    private static void Print(JsonNode result)
    {
        static string Number(JsonNode? n) => n is null ? "-" : n.GetValue<double>().ToString("0.####", CultureInfo.InvariantCulture);
        Console.WriteLine($"{result["generatedCount"]} generated vs {result["referenceCount"]} real videos; {result["trainingCount"]} training clips");
        Console.WriteLine($"{"metric",-20} {"generated",12} {"real",12}");
        foreach (var (name, value) in result["generatedMeans"]!.AsObject())
            Console.WriteLine($"{name,-20} {Number(value),12} {Number(result["referenceMeans"]![name]),12}");
        Console.WriteLine($"Fréchet distance ({result["frechetEncoder"]}): {Number(result["frechetDistance"])}");
        Console.WriteLine($"Fréchet distance ({result["learnedEncoder"]}): {Number(result["learnedFrechetDistance"])}");
        if (result["i3dEncoder"] is { } i3d) Console.WriteLine($"Fréchet distance ({i3d}): {Number(result["i3dFrechetDistance"])}");
        Console.WriteLine($"near-copies of training clips ({result["memorisationEncoder"]}): {result["nearCopies"]}");
    }
}
