using MedVid.Video;

namespace MedVid.Phantoms;

public static class PhantomRenderer
{
    /// <summary>Renders <paramref name="spec"/> and encodes it as a browser-playable H.264 MP4.</summary>
    public static Task RenderMp4Async(PhantomSpec spec, string outputMp4, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return VideoEncoder.EncodeAsync(spec.Render(), spec.Fps, outputMp4, ct);
    }
}
