using MedVid.Training.Generation;

namespace MedVid.Training.Runs;

/// <summary>A checkpoint's sample: its caption, and the modality of the clips it came from when a read-out asks for one per modality.</summary>
public sealed record SamplePrompt(string Caption, string? Modality);

/// <summary>The JSON beside a sample video: how it was made, at which step, and the modality its caption asks for (when known).</summary>
public sealed record SampleProvenance(VideoRequest Request, long CheckpointStep, string? Modality);
