using System.Globalization;
using System.Text.RegularExpressions;

namespace MedVid.Diffusion.Checkpoints;

/// <summary>One complete checkpoint folder, checkpoint-{step:D8}.</summary>
public sealed record CheckpointInfo(long Step, string Directory)
{
    public const string ModelFile = "model.safetensors";
    public const string EmaFile = "ema.safetensors";
    public const string OptimizerFile = "optimizer.safetensors";
    public const string StateFile = "trainer.json";

    public string ModelPath => Path.Combine(Directory, ModelFile);

    public string EmaPath => Path.Combine(Directory, EmaFile);

    public string OptimizerPath => Path.Combine(Directory, OptimizerFile);

    public string StatePath => Path.Combine(Directory, StateFile);

    /// <summary>Every file of the checkpoint (full paths, ordinal order): what an uploader copies.</summary>
    public IReadOnlyList<string> Files =>
        System.IO.Directory.GetFiles(Directory).Order(StringComparer.Ordinal).ToArray();
}

/// <summary>
/// Checkpoints in a local folder. A checkpoint is written into a hidden temporary folder, its
/// files flushed to disk, and then renamed to checkpoint-{step:D8} in one step, so a reader or a
/// crash never sees half a checkpoint; afterwards all but the newest <see cref="KeepLast"/> are
/// deleted. One writer per folder: temporary folders left by a crashed writer are removed by the
/// next save.
/// </summary>
public sealed partial class CheckpointStore
{
    private const string Prefix = "checkpoint-";
    private const string TemporaryPrefix = ".checkpoint-";

    /// <param name="root">The folder (created if missing).</param>
    /// <param name="keepLast">How many checkpoints to keep; null keeps all.</param>
    public CheckpointStore(string root, int? keepLast = 3)
    {
        if (keepLast is < 1) throw new ArgumentOutOfRangeException(nameof(keepLast), "keep at least one checkpoint");
        Root = Path.GetFullPath(root);
        KeepLast = keepLast;
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public int? KeepLast { get; }

    /// <summary>Complete checkpoints, oldest first.</summary>
    public IReadOnlyList<CheckpointInfo> List() =>
        Directory.EnumerateDirectories(Root)
            .Select(dir => (dir, match: NamePattern().Match(Path.GetFileName(dir))))
            .Where(x => x.match.Success && File.Exists(Path.Combine(x.dir, CheckpointInfo.StateFile)))
            .Select(x => new CheckpointInfo(long.Parse(x.match.Groups[1].Value, CultureInfo.InvariantCulture), x.dir))
            .OrderBy(c => c.Step)
            .ToArray();

    public CheckpointInfo? Latest() => List().LastOrDefault();

    /// <summary>
    /// Creates the checkpoint of <paramref name="step"/>: <paramref name="writeFiles"/> fills a
    /// temporary folder (its argument), which then becomes the checkpoint, replacing one of the same
    /// step. Returns the new checkpoint; older ones beyond the limit are gone.
    /// </summary>
    public CheckpointInfo Save(long step, Action<string> writeFiles)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        RemoveTemporaryFolders();
        var name = $"{Prefix}{step:D8}";
        var temporary = Path.Combine(Root, $"{TemporaryPrefix}{step:D8}.tmp-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temporary);
        try
        {
            writeFiles(temporary);
            if (!File.Exists(Path.Combine(temporary, CheckpointInfo.StateFile)))
                throw new InvalidOperationException($"a checkpoint needs {CheckpointInfo.StateFile}");
            foreach (var file in Directory.GetFiles(temporary)) FlushToDisk(file);
            Publish(temporary, Path.Combine(Root, name));
        }
        catch
        {
            if (Directory.Exists(temporary)) Directory.Delete(temporary, recursive: true);
            throw;
        }
        Prune();
        return new CheckpointInfo(step, Path.Combine(Root, name));
    }

    private void Publish(string temporary, string final)
    {
        if (!Directory.Exists(final))
        {
            Directory.Move(temporary, final);
            return;
        }
        // Same step saved again (e.g. after a resume): swap, then drop the old one.
        var old = Path.Combine(Root, $"{TemporaryPrefix}{Path.GetFileName(final)}.old-{Guid.NewGuid():N}");
        Directory.Move(final, old);
        Directory.Move(temporary, final);
        Directory.Delete(old, recursive: true);
    }

    private void Prune()
    {
        if (KeepLast is not { } keep) return;
        var all = List();
        foreach (var stale in all.Take(Math.Max(0, all.Count - keep)))
            Directory.Delete(stale.Directory, recursive: true);
    }

    private void RemoveTemporaryFolders()
    {
        foreach (var dir in Directory.EnumerateDirectories(Root, TemporaryPrefix + "*"))
            Directory.Delete(dir, recursive: true);
    }

    private static void FlushToDisk(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        stream.Flush(flushToDisk: true);
    }

    [GeneratedRegex(@"^checkpoint-(\d{8,})$")]
    private static partial Regex NamePattern();
}
