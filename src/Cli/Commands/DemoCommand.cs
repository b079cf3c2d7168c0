using System.CommandLine;
using MedVid.Cli.Api;
using MedVid.Phantoms;

namespace MedVid.Cli.Commands;

/// <summary>
/// Seeds the synthetic-phantom demo: signs in, creates the "Phantom demo" dataset (once), renders the catalog's phantoms
/// to MP4 and uploads them, waiting for each to be ingested; then curates them into version 1 (waiting) and queues a small
/// training run on it (not waiting), so the portal shows a dataset version and a live run. Running it again adds
/// nothing that is already there.
/// </summary>
public static class DemoCommand
{
    public const string DatasetName = "Phantom demo";

    public static Command Create()
    {
        var seed = new Option<int>("--seed") { Description = "Seed of the phantom catalog", DefaultValueFactory = _ => 7 };
        var videosOnly = new Option<bool>("--videos-only") { Description = "Only upload the phantoms (no curation, no training run)" };
        var command = new Command("demo", "Seed the synthetic-phantom demo: dataset, curated version, a training run")
            { LoginCommand.Url, LoginCommand.User, LoginCommand.Password, seed, videosOnly };
        command.Run(async (result, ct) =>
        {
            var session = await LoginCommand.SignInAsync(result.GetValue(LoginCommand.Url)!, result.GetValue(LoginCommand.User)!,
                LoginCommand.PasswordOf(result), null, ct);
            session.Save(result.GetValue(CliContext.Session)!);
            using var client = MedVidClient.For(session.Url, session.Token);
            var existing = (await client.GetAsync("api/v1/datasets", ct)).AsArray().FirstOrDefault(d => d!["name"]!.GetValue<string>() == DatasetName);
            var datasetId = existing is not null
                ? Guid.Parse(existing["id"]!.GetValue<string>())
                : Guid.Parse((await client.PostAsync("api/v1/datasets",
                    new { name = DatasetName, description = "Synthetic phantoms of Bora's four modalities with known parameters." }, ct))["id"]!.GetValue<string>());
            var present = (await client.GetAsync($"api/v1/datasets/{datasetId}/videos", ct)).AsArray()
                .Select(v => v!["fileName"]!.GetValue<string>()).ToHashSet();
            var folder = Directory.CreateTempSubdirectory("medvid-demo-");
            try
            {
                var specs = PhantomCatalog.Demo(result.GetValue(seed));
                for (var i = 0; i < specs.Count; i++)
                {
                    var file = Path.Combine(folder.FullName, $"{i + 1:00}-{specs[i].Modality.ToString().ToLowerInvariant()}.mp4");
                    if (present.Contains(Path.GetFileName(file))) continue;
                    await PhantomRenderer.RenderMp4Async(specs[i], file, ct);
                    var video = await DatasetsCommand.UploadAsync(client, datasetId, file, specs[i].Labels, ct);
                    video = await DatasetsCommand.WaitForIngestAsync(client, datasetId, video, ct);
                    Console.WriteLine($"{video["fileName"]}: {video["status"]} — {specs[i].Captions[0]}");
                }
            }
            finally
            {
                folder.Delete(recursive: true);
            }
            Console.WriteLine($"dataset {datasetId}");
            if (result.GetValue(videosOnly)) return;
            var version = await CurateOnceAsync(client, datasetId, ct);
            await StartTrainingOnceAsync(client, datasetId, version, ct);
        });
        return command;
    }

    /// <summary>
    /// The version of the demo's first successful curation, made now when there is none: preset bora-128 with the
    /// black-border filter off (an echo's sector scan and an RT-MRI frame have black margins by nature, and the filter
    /// would drop them), no modality cap and no test split, so all six phantoms, one per clip, train the demo model and
    /// every modality can be asked for.
    /// </summary>
    private static async Task<int> CurateOnceAsync(MedVidClient client, Guid datasetId, CancellationToken ct)
    {
        var done = (await client.GetAsync($"api/v1/datasets/{datasetId}/curations", ct)).AsArray()
            .FirstOrDefault(r => r!["status"]!.GetValue<string>() == "Succeeded");
        if (done is not null) return done["version"]!.GetValue<int>();
        var config = (await client.GetAsync("api/v1/datasets/curation-presets", ct))["bora-128"]!.DeepClone().AsObject();
        config["blackBorder"]!["enabled"] = false;
        config["balance"]!["enabled"] = false;
        config["split"]!["testFraction"] = 0.0;
        var run = await client.PostAsync($"api/v1/datasets/{datasetId}/curations", new { config, notes = "phantom demo" }, ct);
        run = await CurateCommand.WaitAsync(client, datasetId, run["id"]!.GetValue<string>(), ct);
        if (run["status"]!.GetValue<string>() != "Succeeded") throw new ApiError(0, $"demo curation {run["status"]}: {run["error"]}");
        var number = run["version"]!.GetValue<int>();
        var version = (await client.GetAsync($"api/v1/datasets/{datasetId}", ct))["versions"]!.AsArray().First(v => v!["number"]!.GetValue<int>() == number)!;
        Console.WriteLine($"version {number} curated: {version["clipCount"]} clips");
        return number;
    }

    /// <summary>Queues a small text-to-video run on the version (once): about a minute per hundred steps on a laptop CPU.</summary>
    private static async Task StartTrainingOnceAsync(MedVidClient client, Guid datasetId, int version, CancellationToken ct)
    {
        if ((await client.GetAsync("api/v1/training-runs", ct)).AsArray().Any(r => r!["spec"]!["datasetId"]!.GetValue<string>() == datasetId.ToString()))
            return;
        var run = await client.PostAsync("api/v1/training-runs", new
        {
            datasetId, datasetVersion = version, recipe = "standard", modelSize = "tiny", totalSteps = 1000, gpus = 0,
            hyperparameters = new Dictionary<string, double>
            {
                ["frames"] = 8, ["resolution"] = 64, ["batch_size"] = 4, ["lr"] = 1e-3, ["warmup_steps"] = 50, ["vae_steps"] = 300,
                ["checkpoint_every"] = 250, ["keep_checkpoints"] = 3, ["sample_steps"] = 20,
                // One sample per modality at each checkpoint, read back with the phantom estimators: the run's metrics
                // then say whether its endoscopy and microscopy samples are told apart.
                ["phantom_readout"] = 1,
            },
        }, ct);
        Console.WriteLine($"training run {run["id"]} queued (tiny model, 300 VAE + 1,000 diffusion steps; its samples are read back with the phantom estimators); follow it in the portal");
    }
}
