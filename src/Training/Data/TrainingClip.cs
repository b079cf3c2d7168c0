namespace MedVid.Training.Data;

/// <summary>A clip a run trains on: its local MP4, the caption it trains with, and its modality.</summary>
public sealed record TrainingClip(string ClipId, string File, string Caption, string Modality, int UsableFrames, double Fps);
