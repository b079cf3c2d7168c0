using MedVid.Diffusion.Checkpoints;
using MedVid.Diffusion.Training;
using static TorchSharp.torch;

namespace MedVid.Diffusion.Tests;

public sealed class CheckpointTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), $"medvid-diffusion-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    private static TrainingConfig Config => new() { LearningRate = 2e-3, WarmupSteps = 3, BatchSize = 4, Seed = 1234, EmaDecay = 0.9 };

    [Fact]
    public void Store_keeps_the_newest_K_and_names_them_by_step()
    {
        var store = new CheckpointStore(root, keepLast: 2);
        foreach (var step in new long[] { 5, 10, 15, 20 })
            store.Save(step, dir => File.WriteAllText(Path.Combine(dir, CheckpointInfo.StateFile), $"{{\"step\":{step}}}"));
        Assert.Equal([15L, 20L], store.List().Select(c => c.Step));
        Assert.Equal(20L, store.Latest()!.Step);
        Assert.Equal(["checkpoint-00000015", "checkpoint-00000020"], Directory.GetDirectories(root).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void A_failed_or_incomplete_write_leaves_no_checkpoint()
    {
        var store = new CheckpointStore(root, keepLast: 3);
        store.Save(1, dir => File.WriteAllText(Path.Combine(dir, CheckpointInfo.StateFile), "{}"));
        Assert.Throws<IOException>(() => store.Save(2, dir =>
        {
            File.WriteAllText(Path.Combine(dir, CheckpointInfo.ModelFile), "partial");
            throw new IOException("disk full");
        }));
        Assert.Throws<InvalidOperationException>(() => store.Save(3, dir => File.WriteAllText(Path.Combine(dir, "model.safetensors"), "x")));
        Assert.Equal([1L], store.List().Select(c => c.Step));
        Assert.Single(Directory.GetDirectories(root));
        // A folder a crashed writer left behind is ignored, then cleaned by the next save.
        Directory.CreateDirectory(Path.Combine(root, ".checkpoint-00000004.tmp-dead"));
        Assert.Equal(1L, store.Latest()!.Step);
        store.Save(4, dir => File.WriteAllText(Path.Combine(dir, CheckpointInfo.StateFile), "{}"));
        Assert.Equal(["checkpoint-00000001", "checkpoint-00000004"], Directory.GetDirectories(root).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Trainer_checkpoint_has_its_files_hashes_and_rng_position()
    {
        using var scope = NewDisposeScope();
        using var schedule = new NoiseSchedule();
        manual_seed(40);
        using var model = new TinyDenoiser();
        using var trainer = new DiffusionTrainer(model, model, schedule, TestData.NullCaption(), Config);
        var store = new CheckpointStore(root, keepLast: 2);
        var saved = new List<CheckpointInfo>();
        trainer.Train(TrainingTests.ToyDataset(), 7, store, checkpointEvery: 3, onCheckpoint: saved.Add);
        Assert.Equal([3L, 6L, 7L], saved.Select(c => c.Step));
        Assert.Equal([6L, 7L], store.List().Select(c => c.Step));
        var latest = store.Latest()!;
        Assert.Equal(["ema.safetensors", "model.safetensors", "optimizer.safetensors", "trainer.json"], latest.Files.Select(Path.GetFileName));
        var state = TrainerState.Read(latest);
        Assert.Equal(7L, state.Step);
        Assert.Equal(new RngState(TrainerState.RngScheme, 1234UL, 7), state.Rng);
        Assert.Equal(Config, state.Config);
        Assert.Equal(TrainerState.HashFile(latest.ModelPath), state.Sha256["model.safetensors"]);
        Assert.Equal(7L, state.LastReport!.Step);
        state.VerifyFiles(latest);
    }

    [Fact]
    public void Resume_after_a_checkpoint_is_bit_identical_to_an_uninterrupted_run()
    {
        const int total = 8;
        using var scope = NewDisposeScope();
        using var schedule = new NoiseSchedule();
        var data = TrainingTests.ToyDataset();

        manual_seed(50);
        using var straight = new TinyDenoiser();
        using var straightTrainer = new DiffusionTrainer(straight, straight, schedule, TestData.NullCaption(), Config);
        var straightReports = new List<TrainingReport>();
        straightTrainer.Train(data, total, onReport: straightReports.Add);

        // First half, checkpoint, then everything thrown away.
        var store = new CheckpointStore(root, keepLast: 1);
        manual_seed(50);
        using (var firstHalf = new TinyDenoiser())
        using (var firstTrainer = new DiffusionTrainer(firstHalf, firstHalf, schedule, TestData.NullCaption(), Config))
            firstTrainer.Train(data, total / 2, store, checkpointEvery: total / 2);
        Assert.Equal(total / 2L, store.Latest()!.Step);
        // Fresh objects with different initial weights, restored from the checkpoint.
        manual_seed(999);
        using var resumed = new TinyDenoiser();
        using var resumedTrainer = new DiffusionTrainer(resumed, resumed, schedule, TestData.NullCaption(), Config);
        Assert.True(resumedTrainer.ResumeFromLatest(store));
        Assert.Equal(total / 2, resumedTrainer.Step);
        var resumedReports = new List<TrainingReport>();
        resumedTrainer.Train(data, total, onReport: resumedReports.Add);

        foreach (var ((name, expected), (_, actual)) in straight.named_parameters().Zip(resumed.named_parameters()))
            Expect.BitEqual(expected, actual, name);
        foreach (var (name, shadow) in straightTrainer.Ema.Shadows)
            Expect.BitEqual(shadow, resumedTrainer.Ema.Shadows[name], $"ema {name}");
        Assert.Equal(straightTrainer.Ema.StepCount, resumedTrainer.Ema.StepCount);
        Assert.Equal(straightReports.Skip(total / 2).Select(r => r.Loss), resumedReports.Select(r => r.Loss));
        Assert.Equal(straightReports.Skip(total / 2).Select(r => r.GradNorm), resumedReports.Select(r => r.GradNorm));
        Assert.Equal(straightTrainer.LearningRate, resumedTrainer.LearningRate);
    }

    [Fact]
    public void Restore_refuses_a_corrupted_file_or_another_seed()
    {
        using var scope = NewDisposeScope();
        using var schedule = new NoiseSchedule();
        manual_seed(60);
        using var model = new TinyDenoiser();
        var store = new CheckpointStore(root);
        using (var trainer = new DiffusionTrainer(model, model, schedule, TestData.NullCaption(), Config))
        {
            trainer.Train(TrainingTests.ToyDataset(), 1);
            trainer.SaveCheckpoint(store);
        }
        var checkpoint = store.Latest()!;
        using (var otherSeed = new DiffusionTrainer(model, model, schedule, TestData.NullCaption(), Config with { Seed = 1 }))
            Assert.Throws<InvalidOperationException>(() => otherSeed.Restore(checkpoint));
        var bytes = File.ReadAllBytes(checkpoint.EmaPath);
        bytes[^1] ^= 1;
        File.WriteAllBytes(checkpoint.EmaPath, bytes);
        using var trainer2 = new DiffusionTrainer(model, model, schedule, TestData.NullCaption(), Config);
        var error = Assert.Throws<InvalidDataException>(() => trainer2.Restore(checkpoint));
        Assert.Contains("ema.safetensors", error.Message);
    }
}
