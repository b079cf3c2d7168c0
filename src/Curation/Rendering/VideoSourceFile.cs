using MedVid.Curation.Clips;

namespace MedVid.Curation.Rendering;

/// <summary>A source video file and what is known about it. <see cref="CurationSource.Width"/> and
/// <see cref="CurationSource.Height"/> may be 0: the runner replaces them with the probed display size.</summary>
public sealed record VideoSourceFile(string Path, CurationSource Source);
