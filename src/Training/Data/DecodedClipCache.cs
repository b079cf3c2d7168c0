using static TorchSharp.torch;

namespace MedVid.Training.Data;

/// <summary>
/// Decoded clips that several runs in one process share: the phantom bench trains a VAE and then two diffusion models,
/// side by side, on the same clips. The first run to ask decodes them; a run asking meanwhile waits for that decode.
/// Each caller gets its own handle on the one storage, to dispose as usual; the storage lives until the cache is disposed.
/// </summary>
public sealed class DecodedClipCache : IDisposable
{
    private readonly Dictionary<ClipsKey, Task<Tensor>> decoded = [];
    private readonly Lock gate = new();

    public async Task<Tensor> GetAsync(IReadOnlyList<TrainingClip> clips, int frames, int size, double fps, CancellationToken ct)
    {
        var key = new ClipsKey(string.Join('\n', clips.Select(c => c.File)), frames, size, fps);
        Task<Tensor> decode;
        lock (gate)
        {
            if (!decoded.TryGetValue(key, out decode!))
                decoded[key] = decode = ClipTensors.LoadAllAsync(clips, frames, size, fps, ct);
        }
        try
        {
            return (await decode).alias();
        }
        catch (Exception) when (decode.IsCanceled || decode.IsFaulted)
        {
            // A failed or cancelled decode is not kept: the next run asking tries again.
            lock (gate)
            {
                if (decoded.TryGetValue(key, out var kept) && kept == decode) decoded.Remove(key);
            }
            throw;
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            foreach (var task in decoded.Values.Where(t => t.IsCompletedSuccessfully)) task.Result.Dispose();
            decoded.Clear();
        }
    }

    private readonly record struct ClipsKey(string Files, int Frames, int Size, double Fps);
}
