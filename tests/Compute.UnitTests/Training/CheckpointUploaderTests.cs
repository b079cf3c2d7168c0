using MedVid.Compute.Training;
using MedVid.Diffusion.Checkpoints;
using MedVid.Storage.Folder;

namespace MedVid.Compute.UnitTests.Training;

/// <summary>A diffusion run's VAE-stage checkpoint lives apart from the run's checkpoints, comes back on a resume, and goes once the run has its own.</summary>
public sealed class CheckpointUploaderTests() : TempFolderTest("medvid-uploader-")
{
    private CheckpointInfo LocalCheckpoint(long step)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Root, "local", $"checkpoint-{step:D8}")).FullName;
        File.WriteAllText(Path.Combine(folder, CheckpointInfo.ModelFile), $"weights {step}");
        File.WriteAllText(Path.Combine(folder, CheckpointInfo.StateFile), "{}");
        return new CheckpointInfo(step, folder);
    }

    [Fact]
    public async Task A_vae_stage_checkpoint_is_stored_apart_restored_on_resume_and_deleted_on_request()
    {
        var blobs = new FolderBlobStore(Path.Combine(Root, "blobs"));
        var folders = new BlobFolders(blobs);
        var clock = TimeProvider.System;
        var vaeStage = new CheckpointUploader(folders, blobs, "run", keep: 1, clock, "vae-stage");
        await vaeStage.UploadAsync(LocalCheckpoint(2), [], default);
        await vaeStage.UploadAsync(LocalCheckpoint(4), [], default);
        Assert.Equal(["run/vae-stage/00000004/model.safetensors", "run/vae-stage/00000004/trainer.json"],
            await ListAsync(blobs, "run/"));

        // The run's own checkpoints do not see it; a resumed attempt brings it back.
        var runCheckpoints = new CheckpointUploader(folders, blobs, "run", keep: 3, clock);
        await runCheckpoints.RestoreLatestAsync(Path.Combine(Root, "resume"), default);
        Assert.Empty(runCheckpoints.Stored);
        var resumed = new CheckpointUploader(folders, blobs, "run", keep: 1, clock, "vae-stage");
        await resumed.RestoreLatestAsync(Path.Combine(Root, "resume", "vae-stage"), default);
        Assert.Equal([4L], resumed.Stored.Select(c => c.Step));
        Assert.Equal("weights 4", File.ReadAllText(Path.Combine(Root, "resume", "vae-stage", "checkpoint-00000004", CheckpointInfo.ModelFile)));

        await resumed.DeleteAllAsync(default);
        Assert.Empty(await ListAsync(blobs, "run/"));
    }

    private static async Task<List<string>> ListAsync(FolderBlobStore blobs, string prefix)
    {
        var paths = new List<string>();
        await foreach (var blob in blobs.ListAsync(prefix)) paths.Add(blob.Path);
        return paths.Order(StringComparer.Ordinal).ToList();
    }
}
