using System.CommandLine;
using System.Text.Json.Nodes;
using MedVid.Cli.Api;

namespace MedVid.Cli.Commands;

public static class DatasetsCommand
{
    public static Command Create()
    {
        var datasets = new Command("datasets", "Datasets of your team");

        var list = new Command("list", "List datasets");
        list.PrintEach("api/v1/datasets",
            d => $"{d["id"]}  {d["name"],-30} videos {d["readyVideos"]}/{d["videos"]} ready, {d["versions"]} version(s)");

        var name = new Option<string>("--name") { Description = "Dataset name", Required = true };
        var description = new Option<string?>("--description") { Description = "What the dataset holds" };
        var create = new Command("create", "Create a dataset") { name, description };
        create.Run(async (result, ct) =>
        {
            using var client = CliContext.Client(result);
            var created = await client.PostAsync("api/v1/datasets", new { name = result.GetValue(name), description = result.GetValue(description) }, ct);
            Console.WriteLine(created["id"]);
        });

        var datasetId = new Argument<Guid>("dataset") { Description = "Dataset id" };
        var files = new Argument<FileInfo[]>("files") { Description = "Video files", Arity = ArgumentArity.OneOrMore };
        var noWait = new Option<bool>("--no-wait") { Description = "Return after the upload (or start), without waiting" };
        var label = new Option<string[]>("--label") { Description = "A label NAME=VALUE for every uploaded video (e.g. modality=ultrasound); repeatable" };
        var upload = new Command("upload", "Upload videos and wait until they are ingested") { datasetId, files, noWait, label };
        upload.Run(async (result, ct) =>
        {
            using var client = CliContext.Client(result);
            var labels = ParseLabels(result.GetValue(label) ?? []);
            var failed = 0;
            foreach (var file in result.GetValue(files)!)
            {
                var video = await UploadAsync(client, result.GetValue(datasetId), file.FullName, labels, ct);
                if (!result.GetValue(noWait)) video = await WaitForIngestAsync(client, result.GetValue(datasetId), video, ct);
                Console.WriteLine($"{video["id"]}  {video["fileName"]}  {video["status"]}{(video["error"] is { } error ? $": {error}" : "")}");
                if (video["status"]!.GetValue<string>() == "Failed") failed++;
            }
            if (failed > 0) throw new ApiError(0, $"{failed} video(s) failed to ingest");
        });

        datasets.Subcommands.Add(list);
        datasets.Subcommands.Add(create);
        datasets.Subcommands.Add(upload);
        datasets.Subcommands.Add(CurateCommand.Create(datasetId, noWait));
        return datasets;
    }

    public static async Task<JsonNode> UploadAsync(
        MedVidClient client, Guid dataset, string file, IReadOnlyDictionary<string, string>? labels, CancellationToken ct)
    {
        var length = new FileInfo(file).Length;
        var bar = new ConsoleProgress($"upload {Path.GetFileName(file)}");
        return await client.UploadAsync($"api/v1/datasets/{dataset}/videos", file, labels,
            new Progress<long>(sent => bar.Report(length == 0 ? 1 : (double)sent / length)), ct);
    }

    private static Dictionary<string, string> ParseLabels(string[] pairs) =>
        pairs.Select(p => p.Split('=', 2)).ToDictionary(
            p => p.Length == 2 && p[0].Length > 0 ? p[0] : throw new ApiError(0, $"A label must be NAME=VALUE, not '{string.Join('=', p)}'."),
            p => p[1]);

    /// <summary>Polls the video until ingest ends; Ctrl-C cancels the ingest work item on the server too.</summary>
    public static async Task<JsonNode> WaitForIngestAsync(MedVidClient client, Guid dataset, JsonNode video, CancellationToken ct)
    {
        var bar = new ConsoleProgress($"ingest {video["fileName"]}");
        var workItem = video["ingestWorkItemId"]!.GetValue<string>();
        try
        {
            while (true)
            {
                video = await client.GetAsync($"api/v1/datasets/{dataset}/videos/{video["id"]}", ct);
                if (video["status"]!.GetValue<string>() != "Ingesting")
                {
                    bar.Report(1);
                    return video;
                }
                var item = await client.GetAsync($"api/v1/work-items/{workItem}", ct);
                bar.Report(item["progress"]!.GetValue<double>(), item["waitReason"]?.GetValue<string>() ?? item["message"]?.GetValue<string>());
                await Task.Delay(500, ct);
            }
        }
        catch (OperationCanceledException)
        {
            await client.PostAsync($"api/v1/work-items/{workItem}/cancel", new { }, CancellationToken.None);
            throw;
        }
    }
}
