using MedVid.Curation.Manifest;
using MedVid.Grains.Abstractions;
using MedVid.Grains.Datasets;
using MedVid.Grains.Exports;

namespace MedVid.ControlPlane.Application;

/// <summary>Reads a team's dataset version and turns one of its label keys into export labels with prompts.</summary>
public static class ExportLabelsFromDataset
{
    public static async Task<IReadOnlyList<ExportLabel>> ResolveAsync(ApiServices api, LabelOrigin origin, CancellationToken ct)
    {
        var version = await api.DatasetVersionAsync(origin.DatasetId, origin.Version);
        await using var manifest = await api.Blobs.OpenReadAsync(version.ManifestBlob, null, ct);
        var clips = await DatasetManifest.ReadAllAsync(manifest, ct);
        var labels = DatasetLabelPrompts.From(clips.Select(c => new LabelledClip(c.Labels, c.Captions.FirstOrDefault())), origin.LabelKey);
        return labels.Count > 0 ? labels
            : throw new InvalidGrainArgumentException($"labelsFrom: no clip of dataset version {origin.Version} has a value for label '{origin.LabelKey}'.");
    }
}
