using MedVid.Curation.Pipeline;

namespace MedVid.Curation.Rendering;

/// <summary>A source video file and what is known about it. <see cref="SourceVideo.Width"/> and
/// <see cref="SourceVideo.Height"/> may be 0: the runner replaces them with the probed display size.</summary>
public sealed record VideoSourceFile(string Path, SourceVideo Source);
