namespace MedVid.Curation.Clips;

/// <summary>What the platform knows about one source recording before curation.</summary>
/// <param name="Id">Stable id of the source; the train/test split is decided on it.</param>
/// <param name="Modality">Bora's modality name (e.g. "endoscopy", "ultrasound", "RT-MRI", "cell").</param>
/// <param name="Width">Native width in pixels (before analysis downscaling); the resolution filter reads it.</param>
/// <param name="Height">Native height in pixels.</param>
public sealed record CurationSource(string Id, string Modality, int Width, int Height)
{
    public string? Title { get; init; }
    public string? Description { get; init; }

    /// <summary>A narrator's or surgeon's commentary for the source (Ophora refines it into instructions).</summary>
    public string? Narrative { get; init; }

    /// <summary>Background knowledge about the dataset the source comes from (Bora injects it into the captioning prompt).</summary>
    public string? Background { get; init; }

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}
