namespace MedVid.Grains.Exports;

/// <summary>
/// Where the labels of a specification came from when they were taken from a dataset version: each distinct value of
/// <paramref name="LabelKey"/> became a label, its prompt the caption most clips with that value carry. Kept for
/// provenance; the labels themselves are copied into the specification so a later version does not change it.
/// </summary>
public sealed record LabelOrigin(Guid DatasetId, int Version, string LabelKey);
