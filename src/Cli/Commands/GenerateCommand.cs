using System.CommandLine;
using System.Text.Json.Nodes;
using MedVid.Contracts.Training;
using MedVid.Cli.Api;

namespace MedVid.Cli.Commands;

/// <summary>`generate`: prompts against a finished run; follows the job and downloads the MP4s with their provenance.</summary>
public static class GenerateCommand
{
    public static Command Create()
    {
        var run = new Option<Guid>("--run") { Description = "Finished training run", Required = true };
        var prompts = new Option<string[]>("--prompt") { Description = "A prompt (repeatable)", Required = true };
        var count = new Option<int>("--count") { Description = "Videos per prompt", DefaultValueFactory = _ => 1 };
        var seeds = new Option<long[]>("--seed") { Description = "One seed per video (repeatable; default: random, recorded)" };
        var sampler = new Option<string>("--sampler") { Description = string.Join(" or ", SamplingVocabulary.Samplers), DefaultValueFactory = _ => SamplingVocabulary.Samplers[0] };
        var steps = new Option<int>("--steps") { Description = "Sampling steps", DefaultValueFactory = _ => 50 };
        var guidance = new Option<double>("--guidance") { Description = "Classifier-free guidance scale", DefaultValueFactory = _ => 7.5 };
        var eta = new Option<double>("--eta") { Description = "DDIM eta (0: deterministic)", DefaultValueFactory = _ => 0 };
        var spacing = new Option<string>("--spacing") { Description = string.Join(" or ", SamplingVocabulary.Spacings) + " timestep spacing", DefaultValueFactory = _ => SamplingVocabulary.Spacings[0] };
        var frames = new Option<int>("--frames") { Description = "Frames per video", DefaultValueFactory = _ => 8 };
        var size = new Option<int>("--size") { Description = "Width and height in pixels (multiple of 16)", DefaultValueFactory = _ => 64 };
        var checkpoint = new Option<long?>("--checkpoint-step") { Description = "A kept checkpoint (default: the latest)" };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Folder to download the MP4s and provenance into" };
        var noWait = new Option<bool>("--no-wait") { Description = "Return once the job is queued" };
        var command = new Command("generate", "Generate videos from prompts with a trained model (Ctrl-C cancels the job)")
            { run, prompts, count, seeds, sampler, steps, guidance, eta, spacing, frames, size, checkpoint, output, noWait };
        command.Run(async (result, ct) =>
        {
            using var client = CliContext.Client(result);
            var side = result.GetValue(size);
            var job = await client.PostAsync("api/v1/generation-jobs", new
            {
                trainingRunId = result.GetValue(run), prompts = result.GetValue(prompts), countPerPrompt = result.GetValue(count),
                seeds = result.GetValue(seeds), sampler = result.GetValue(sampler), steps = result.GetValue(steps),
                guidance = result.GetValue(guidance), eta = result.GetValue(eta), spacing = result.GetValue(spacing),
                frames = result.GetValue(frames), width = side, height = side, gpus = 0, checkpointStep = result.GetValue(checkpoint),
            }, ct);
            var id = job["id"]!.GetValue<string>();
            Console.WriteLine($"generation job {id} queued");
            if (result.GetValue(noWait)) return;
            job = await Follow.UntilDoneAsync(client, $"api/v1/generation-jobs/{id}", "generation job", ct);
            var videos = JsonNode.Parse(job["resultJson"]!.GetValue<string>())!["Videos"]!.AsArray();
            var folder = result.GetValue(output);
            if (folder is not null) Directory.CreateDirectory(folder.FullName);
            foreach (var video in videos)
            {
                var blob = video!["Blob"]!.GetValue<string>();
                Console.WriteLine($"{blob}  seed {video["Seed"]}  \"{video["Prompt"]}\"");
                if (folder is null) continue;
                var name = Path.GetFileName(blob);
                await client.DownloadBlobAsync(blob, Path.Combine(folder.FullName, name), ct);
                await File.WriteAllTextAsync(Path.Combine(folder.FullName, Path.ChangeExtension(name, ".json")), video.ToJsonString(), ct);
            }
        });
        return command;
    }
}
