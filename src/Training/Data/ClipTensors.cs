using MedVid.Video;
using MedVid.Video.Tensors;
using static TorchSharp.torch;

namespace MedVid.Training.Data;

/// <summary>Decodes clips into the fixed-shape tensors a model trains on.</summary>
public static class ClipTensors
{
    /// <summary>
    /// The first <paramref name="frames"/> picture frames of a clip, resampled to <paramref name="fps"/> and scaled to
    /// <paramref name="size"/> x <paramref name="size"/> inside ffmpeg, as float32 [3, T, H, W] in [-1, 1]. A clip
    /// shorter than <paramref name="frames"/> repeats its last frame, so every sample has the shape the model expects.
    /// </summary>
    public static async Task<Tensor> LoadAsync(TrainingClip clip, int frames, int size, double fps, CancellationToken ct)
    {
        var wanted = Math.Min(frames, Math.Max(1, (int)Math.Floor(clip.UsableFrames * fps / clip.Fps)));
        var decoded = await VideoDecoder.DecodeAllAsync(clip.File, new DecodeOptions(Width: size, Height: size, Fps: fps, MaxFrames: wanted), ct);
        if (decoded.Count == 0) throw new InvalidOperationException($"Clip {clip.ClipId} decoded to no frames.");
        while (decoded.Count < frames) decoded.Add(decoded[^1]);
        return FrameTensors.ToTensor(decoded, VideoTensorLayout.CTHW);
    }

    /// <summary>
    /// Every clip through <see cref="LoadAsync"/>, stacked in order into [N, 3, T, H, W]. One ffmpeg per core: a run's
    /// clips are hundreds of short files, and starting each decoder costs more than its frames.
    /// </summary>
    public static async Task<Tensor> LoadAllAsync(IReadOnlyList<TrainingClip> clips, int frames, int size, double fps, CancellationToken ct)
    {
        var tensors = new Tensor?[clips.Count];
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, clips.Count), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct },
                async (i, token) => tensors[i] = await LoadAsync(clips[i], frames, size, fps, token));
            return stack(tensors!);
        }
        finally
        {
            foreach (var t in tensors) t?.Dispose();
        }
    }
}
