namespace MedVid.Curation.Pipeline;

/// <summary>Progress of a run: the stage now running, on which source, and the overall fraction (0..1).</summary>
public sealed record CurationProgress(string Stage, double Fraction, int SourcesDone, int SourceCount, string? SourceId);
