using MedVid.Curation.Config;
using MedVid.Curation.Clips;

namespace MedVid.Curation.Manifest;

/// <summary>One line of a dataset version's manifest (JSON Lines, camelCase).</summary>
/// <param name="ClipId">Unique within the version: "{sourceId}/{startFrame}-{endFrame}".</param>
/// <param name="ClipBlob">Blob key of the clip's MP4 in the platform's blob store.</param>
/// <param name="StartSeconds">Start of the clip within its source.</param>
/// <param name="EndSeconds">End (exclusive) within its source.</param>
/// <param name="Captions">First is the primary caption (the LLM's when one was configured).</param>
/// <param name="Metrics">Every measurement the stages took, e.g. "quality.sharpness", "dynamics.keyframes".</param>
/// <param name="Split">"train" or "test".</param>
/// <param name="FrameCount">Frames in the clip's MP4, padding included.</param>
/// <param name="PaddingFrames">All-zero frames at the end of the MP4 (Ophora's fixed length).</param>
/// <param name="Synthetic">Set on a generated clip an export added: where it came from. Null for real clips.</param>
public sealed record ManifestClip(
    string ClipId,
    string ClipBlob,
    string SourceId,
    double StartSeconds,
    double EndSeconds,
    IReadOnlyList<string> Captions,
    IReadOnlyDictionary<string, string> Labels,
    string Modality,
    IReadOnlyDictionary<string, double> Metrics,
    DatasetSplit Split,
    int Width,
    int Height,
    double Fps,
    int FrameCount,
    int PaddingFrames,
    SyntheticOrigin? Synthetic = null)
{
    public static ManifestClip From(CuratedClip clip, string clipBlob, OutputShapeConfig output) => new(
        clip.Id,
        clipBlob,
        clip.Source.Id,
        Math.Round(clip.StartSeconds, 4),
        Math.Round(clip.EndSeconds, 4),
        clip.Captions,
        clip.Source.Labels,
        clip.Source.Modality,
        clip.Metrics,
        clip.Split,
        output.Width,
        output.Height,
        Math.Round(clip.Plan.OutputFps(clip.Fps), 4),
        clip.Plan.OutputFrameCount,
        clip.Plan.PaddingFrames);
}
