using System.Text.Json;
using MedVid.Video;
using MedVid.Video.Tensors;
using static TorchSharp.torch;

namespace MedVid.Training.Output;

/// <summary>Writes decoded model output as browser-playable MP4s with a poster and a provenance sidecar.</summary>
public static class VideoFiles
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>
    /// Writes <paramref name="video"/> ([3, T, H, W] in [-1, 1], any device) to <paramref name="mp4"/> at
    /// <paramref name="fps"/>, a JPEG poster of its first frame next to it, and <paramref name="provenance"/> as
    /// JSON with the same name, so a file copied out of the platform still says how it was made.
    /// </summary>
    public static async Task WriteAsync(Tensor video, double fps, string mp4, object provenance, CancellationToken ct)
    {
        List<MedVid.Video.RgbFrame> frames;
        using (var clamped = video.detach().clamp(-1, 1).to(CPU))
            frames = FrameTensors.ToFrames(clamped, VideoTensorLayout.CTHW);
        await VideoEncoder.EncodeAsync(frames, fps, mp4, ct);
        await VideoTranscoder.MakePosterAsync(mp4, PosterOf(mp4), ct);
        await File.WriteAllTextAsync(Path.ChangeExtension(mp4, ".json"), JsonSerializer.Serialize(provenance, provenance.GetType(), Indented), ct);
    }

    public static string PosterOf(string mp4) => Path.ChangeExtension(mp4, ".jpg");
}
