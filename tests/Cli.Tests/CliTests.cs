using MedVid.Phantoms;

namespace MedVid.Cli.Tests;

/// <summary>The command line against a running embedded silo: the user's path from login to a curated version, and its errors.</summary>
public sealed class CliTests(EmbeddedSilo silo) : IClassFixture<EmbeddedSilo>
{
    private CliRunner SignedOut() => new(Path.Combine(silo.Root, $"session-{Guid.NewGuid():N}.json"));

    private async Task<CliRunner> SignedInAsync()
    {
        var cli = SignedOut();
        var login = await cli.RunAsync("login", "--url", silo.Url, "--user", EmbeddedSilo.User, "--password", EmbeddedSilo.Password);
        Assert.True(login.ExitCode == 0, login.ToString());
        return cli;
    }

    [Fact]
    public async Task A_wrong_password_exits_1_with_the_servers_message()
    {
        var result = await SignedOut().RunAsync("login", "--url", silo.Url, "--user", EmbeddedSilo.User, "--password", "wrong-password");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Wrong user name or password", result.Err);
    }

    [Fact]
    public async Task Commands_before_login_say_how_to_sign_in()
    {
        var result = await SignedOut().RunAsync("datasets", "list");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("run 'medvid login' first", result.Err);
    }

    [Fact]
    public async Task The_demo_seeds_six_phantoms_curates_all_of_them_for_training_and_queues_a_run()
    {
        var cli = SignedOut();
        var demo = await cli.RunAsync("demo", "--url", silo.Url, "--user", EmbeddedSilo.User, "--password", EmbeddedSilo.Password);
        Assert.True(demo.ExitCode == 0, demo.ToString());
        // Every phantom becomes a training clip (the echo's and RT-MRI's black margins are not filtered out).
        Assert.Contains("version 1 curated: 6 clips", demo.Out);
        Assert.Contains("queued (tiny model", demo.Out);
        var runs = await cli.RunAsync("runs", "list");
        var run = runs.Out.Split('\n').Single(l => l.Contains("standard")).Split(' ')[0];
        // The demo's run would hold the CPU slot for minutes: the other tests here need it.
        var cancel = await cli.RunAsync("runs", "cancel", run);
        Assert.True(cancel.ExitCode == 0, cancel.ToString());
    }

    [Fact]
    public async Task Upload_with_labels_then_curate_produces_a_version()
    {
        var cli = await SignedInAsync();
        var created = await cli.RunAsync("datasets", "create", "--name", "cli phantoms");
        Assert.True(created.ExitCode == 0, created.ToString());
        var dataset = created.Out.Trim();

        var clip = Path.Combine(silo.Root, "endoscopy.mp4");
        await PhantomRenderer.RenderMp4Async(PhantomCatalog.Demo(seed: 3).First(s => s.Modality == Modality.Endoscopy), clip);
        var upload = await cli.RunAsync("datasets", "upload", dataset, clip, "--label", "modality=endoscopy");
        Assert.True(upload.ExitCode == 0, upload.ToString());
        Assert.Contains("endoscopy.mp4  Ready", upload.Out);
        Assert.Contains("upload endoscopy.mp4", upload.Err);        // the progress bar

        var list = await cli.RunAsync("datasets", "list");
        Assert.Contains("videos 1/1 ready", list.Out);

        var curate = await cli.RunAsync("datasets", "curate", dataset, "--preset", "bora-128", "--notes", "from the CLI");
        Assert.True(curate.ExitCode == 0, curate.ToString());
        Assert.Contains("version 1 written", curate.Out);

        var items = await cli.RunAsync("work-items", "list");
        Assert.Contains(items.Out.Split('\n'), line => line.Contains("curate") && line.Contains("Succeeded"));
        Assert.Contains(items.Out.Split('\n'), line => line.Contains("ingest-video") && line.Contains("Succeeded"));
        var hosts = await cli.RunAsync("hosts");
        Assert.Contains("Online", hosts.Out);
    }

    [Fact]
    public async Task A_curation_that_keeps_no_clip_exits_1_and_its_work_item_failed()
    {
        var cli = await SignedInAsync();
        var dataset = (await cli.RunAsync("datasets", "create", "--name", "drops everything")).Out.Trim();
        var clip = Path.Combine(silo.Root, "small.mp4");
        await PhantomRenderer.RenderMp4Async(PhantomCatalog.Demo(seed: 5).First(), clip);
        var upload = await cli.RunAsync("datasets", "upload", dataset, clip);
        Assert.True(upload.ExitCode == 0, upload.ToString());
        var config = Path.Combine(silo.Root, "too-strict.json"); // no phantom is anywhere near this large
        await File.WriteAllTextAsync(config, """{"resolution":{"minWidth":8000,"minHeight":6000}}""");

        var curate = await cli.RunAsync("datasets", "curate", dataset, "--config", config);

        Assert.True(curate.ExitCode == 1, curate.ToString());
        Assert.Contains("curation Failed: every clip was dropped", curate.Err);
        var items = await cli.RunAsync("work-items", "list");
        Assert.Contains(items.Out.Split('\n'), l => l.Contains("curate") && l.Contains("Failed")); // not "Succeeded", "stored"
    }

    [Fact]
    public async Task Bad_input_exits_1_with_a_message()
    {
        var cli = await SignedInAsync();
        var text = Path.Combine(silo.Root, "notes.mp4");
        await File.WriteAllTextAsync(text, "this is not a video");

        var unknown = await cli.RunAsync("datasets", "upload", Guid.NewGuid().ToString(), text);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("(404): The dataset does not exist.", unknown.Err);

        var dataset = (await cli.RunAsync("datasets", "create", "--name", "bad input")).Out.Trim();
        var notVideo = await cli.RunAsync("datasets", "upload", dataset, text);
        Assert.Equal(1, notVideo.ExitCode);
        Assert.Contains("(400)", notVideo.Err);

        var badLabel = await cli.RunAsync("datasets", "upload", dataset, text, "--label", "no-equals-sign");
        Assert.Equal(1, badLabel.ExitCode);
        Assert.Contains("NAME=VALUE", badLabel.Err);

        var missing = await cli.RunAsync("datasets", "upload", dataset, Path.Combine(silo.Root, "missing.mp4"));
        Assert.Equal(1, missing.ExitCode);

        var badPreset = await cli.RunAsync("datasets", "curate", dataset, "--preset", "nonsense");
        Assert.Equal(1, badPreset.ExitCode);
        Assert.Contains("preset must be one of", badPreset.Err);
    }

    [Fact]
    public async Task Training_generation_and_evaluation_commands_refuse_bad_input_with_the_reason_and_exit_1()
    {
        var cli = await SignedInAsync();
        static string[] RunIds(string listed) => [.. listed.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0])];
        var runsBefore = RunIds((await cli.RunAsync("runs", "list")).Out);
        var dataset = (await cli.RunAsync("datasets", "create", "--name", "no versions yet")).Out.Trim();

        var badSetting = await cli.RunAsync("runs", "start", "--dataset", dataset, "--steps", "10", "--set", "lr");
        Assert.Equal(1, badSetting.ExitCode);
        Assert.Contains("--set expects name=number, got 'lr'", badSetting.Err);

        var unknownSetting = await cli.RunAsync("runs", "start", "--dataset", dataset, "--steps", "10", "--set", "learning_rate=0.1");
        Assert.Equal(1, unknownSetting.ExitCode);
        Assert.Contains("(400): Unknown hyperparameter 'learning_rate'", unknownSetting.Err);

        var noVersion = await cli.RunAsync("runs", "start", "--dataset", dataset, "--steps", "10");
        Assert.Equal(1, noVersion.ExitCode);
        Assert.Contains("(404)", noVersion.Err);
        Assert.Contains("has no version 1", noVersion.Err);

        var missingRun = await cli.RunAsync("generate", "--run", Guid.NewGuid().ToString(), "--prompt", "an echo at 70 bpm");
        Assert.Equal(1, missingRun.ExitCode);
        Assert.Contains("(404): The training run does not exist.", missingRun.Err);

        var badEvaluation = await cli.RunAsync("runs", "start", "--dataset", dataset, "--steps", "10", "--evaluate-prompt", "an echo",
            "--evaluate-against", "held-out");
        Assert.Equal(1, badEvaluation.ExitCode);
        Assert.Contains("(400): Unknown evaluation.referenceSplit 'held-out'; known: test, train, all.", badEvaluation.Err);

        var missingJob = await cli.RunAsync("evaluate", "--job", Guid.NewGuid().ToString(), "--dataset", dataset, "--version", "1");
        Assert.Equal(1, missingJob.ExitCode);
        Assert.Contains("(404): The generation job does not exist.", missingJob.Err);

        var badSplit = await cli.RunAsync("evaluate", "--job", Guid.NewGuid().ToString(), "--dataset", dataset, "--version", "1",
            "--reference-split", "held-out");
        Assert.Equal(1, badSplit.ExitCode);
        Assert.Contains("(400): Unknown referenceSplit 'held-out'; known: test, train, all.", badSplit.Err);

        var missingEvaluation = await cli.RunAsync("agreement", "--evaluation", Guid.NewGuid().ToString(), "--campaign", Guid.NewGuid().ToString());
        Assert.Equal(1, missingEvaluation.ExitCode);
        Assert.Contains("(404): The evaluation does not exist.", missingEvaluation.Err);
        var noCampaign = await cli.RunAsync("agreement", "--evaluation", Guid.NewGuid().ToString());
        Assert.NotEqual(0, noCampaign.ExitCode);
        Assert.Contains("--campaign", noCampaign.Err);

        var list = await cli.RunAsync("runs", "list");
        Assert.Equal(0, list.ExitCode);
        Assert.Equal(runsBefore, RunIds(list.Out)); // nothing was created by the refused requests
    }

    [Fact]
    public async Task Export_commands_refuse_bad_input_with_the_reason_and_exit_1()
    {
        var cli = await SignedInAsync();
        var run = Guid.NewGuid().ToString();

        var missingRun = await cli.RunAsync("exports", "specs", "create", "--run", run, "--label", "polyp=An endoscopy video with a polyp.",
            "--videos-per-label", "10");
        Assert.Equal(1, missingRun.ExitCode);
        Assert.Contains("(404): The training run of source.trainingRunId does not exist.", missingRun.Err);

        var tooMany = await cli.RunAsync("exports", "specs", "create", "--run", run, "--label", "polyp=p", "--videos-per-label", "10001");
        Assert.Equal(1, tooMany.ExitCode);
        Assert.Contains("(400): videosPerLabel must be between 1 and 10,000, got 10,001.", tooMany.Err);

        var badLabel = await cli.RunAsync("exports", "specs", "create", "--run", run, "--label", "polyp", "--videos-per-label", "1");
        Assert.Equal(1, badLabel.ExitCode);
        Assert.Contains("--label 'polyp' must be name=prompt.", badLabel.Err);

        var noOutput = await cli.RunAsync("exports", "specs", "create", "--run", run, "--label", "polyp=p", "--videos-per-label", "1", "--no-zip");
        Assert.Equal(1, noOutput.ExitCode);
        Assert.Contains("(400): outputs: choose a zip, a synthetic dataset version, or both.", noOutput.Err);

        var baseWithoutDataset = await cli.RunAsync("exports", "specs", "create", "--run", run, "--label", "polyp=p", "--videos-per-label", "1", "--base-version", "2");
        Assert.Equal(1, baseWithoutDataset.ExitCode);
        Assert.Contains("outputs.baseVersion and outputs.labelKey apply to a synthetic dataset version", baseWithoutDataset.Err);

        var filterWithoutRaters = await cli.RunAsync("exports", "specs", "create", "--run", run, "--label", "polyp=p", "--videos-per-label", "1",
            "--filter", "ophora-seven-criteria", "--minimum-mean", "2");
        Assert.Equal(1, filterWithoutRaters.ExitCode);
        Assert.Contains("(400): filter.raters must list the distinct user ids of the team's raters who rate the videos.", filterWithoutRaters.Err);

        var badCron = await cli.RunAsync("exports", "schedules", "create", Guid.NewGuid().ToString(), "--cron", "0 2 * *", "--time-zone", "Europe/Berlin");
        Assert.Equal(1, badCron.ExitCode);
        Assert.Contains("(400): Invalid cron expression '0 2 * *'", badCron.Err);

        var specs = await cli.RunAsync("exports", "specs", "list");
        Assert.Equal((0, ""), (specs.ExitCode, specs.Out.Trim()));
    }
}
