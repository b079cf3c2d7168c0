using System.CommandLine;
using MedVid.Cli.Api;
using MedVid.Phantoms;

namespace MedVid.Cli.Commands;

/// <summary>
/// Seeds the synthetic-phantom demo: signs in, creates the "Phantom demo" dataset (once), renders the catalog's phantoms
/// to MP4 and uploads them, waiting for each to be ingested. Running it again adds nothing that is already there.
/// </summary>
public static class DemoCommand
{
    public const string DatasetName = "Phantom demo";

    public static Command Create()
    {
        var seed = new Option<int>("--seed") { Description = "Seed of the phantom catalog", DefaultValueFactory = _ => 7 };
        var command = new Command("demo", "Seed the synthetic-phantom demo dataset") { LoginCommand.Url, LoginCommand.User, LoginCommand.Password, seed };
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
        });
        return command;
    }
}
