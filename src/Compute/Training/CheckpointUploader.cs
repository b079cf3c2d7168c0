using System.Globalization;
using MedVid.Contracts;
using MedVid.Diffusion.Checkpoints;
using MedVid.Storage;
using MedVid.Diffusion.Training;

namespace MedVid.Compute.Training;

/// <summary>
/// Mirrors a run's local checkpoints to {prefix}/{folder}/{step:D8} (folder "checkpoints", or "vae-stage" for the VAE
/// stage of a diffusion run): uploads each new one, deletes the blobs of
/// those past the keep limit, and on a re-dispatched run brings the newest stored one back to continue from. The
/// trainer state file marks a stored checkpoint complete: it is uploaded last and deleted first.
/// </summary>
public sealed class CheckpointUploader(BlobFolders folders, IBlobStore blobs, string runPrefix, int keep, TimeProvider clock, string folder = "checkpoints")
{
    private readonly List<CheckpointRecord> _stored = [];

    /// <summary>The checkpoints in blob storage now, oldest first.</summary>
    public IReadOnlyList<CheckpointRecord> Stored => _stored;

    public string PrefixOf(long step) => $"{runPrefix}/{folder}/{step.ToString("D8", CultureInfo.InvariantCulture)}";

    public async Task UploadAsync(CheckpointInfo checkpoint, IReadOnlyList<string> sampleVideos, CancellationToken ct)
    {
        var prefix = PrefixOf(checkpoint.Step);
        await folders.UploadAsync(checkpoint.Directory, prefix, ct, CheckpointInfo.StateFile);
        var samples = sampleVideos.Select(v => $"{prefix}/{Path.GetRelativePath(checkpoint.Directory, v).Replace('\\', '/')}").ToList();
        _stored.RemoveAll(c => c.Step == checkpoint.Step);
        _stored.Add(new CheckpointRecord(checkpoint.Step, prefix, TrainerState.HashFile(checkpoint.ModelPath), samples, clock.GetUtcNow()));
        while (_stored.Count > keep)
        {
            await folders.DeleteAsync(_stored[0].Prefix, ct, CheckpointInfo.StateFile);
            _stored.RemoveAt(0);
        }
    }

    /// <summary>Deletes every checkpoint this uploader stored (a diffusion run's VAE-stage checkpoint, once the diffusion stage has its own).</summary>
    public async Task DeleteAllAsync(CancellationToken ct)
    {
        foreach (var stored in _stored) await folders.DeleteAsync(stored.Prefix, ct, CheckpointInfo.StateFile);
        _stored.Clear();
    }

    /// <summary>Downloads the newest checkpoint this run stored before (if any) into <paramref name="checkpointRoot"/>.</summary>
    public async Task RestoreLatestAsync(string checkpointRoot, CancellationToken ct)
    {
        var steps = new SortedSet<long>();
        var marker = $"{runPrefix}/{folder}/";
        await foreach (var blob in blobs.ListAsync(marker, ct))
        {
            var rest = blob.Path[marker.Length..];
            var slash = rest.IndexOf('/');
            if (slash > 0 && rest.EndsWith("/" + CheckpointInfo.StateFile, StringComparison.Ordinal)
                && long.TryParse(rest[..slash], NumberStyles.None, CultureInfo.InvariantCulture, out var step))
                steps.Add(step);
        }
        if (steps.Count == 0) return;
        var latest = steps.Max;
        var local = Path.Combine(checkpointRoot, $"checkpoint-{latest.ToString("D8", CultureInfo.InvariantCulture)}");
        await folders.DownloadAsync(PrefixOf(latest), local, ct);
        // Earlier checkpoints stay in blob storage; the record list restarts with the one we continue from.
        _stored.Add(new CheckpointRecord(latest, PrefixOf(latest), TrainerState.HashFile(Path.Combine(local, CheckpointInfo.ModelFile)),
            [], clock.GetUtcNow()));
    }
}
