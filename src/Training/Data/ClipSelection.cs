using MedVid.Curation.Manifest;
using MedVid.Training.Recipes;
using MedVid.Curation.Clips;

namespace MedVid.Training.Data;

/// <summary>Chooses the manifest clips a recipe trains on. Plain logic over the manifest; no I/O.</summary>
public static class ClipSelection
{
    /// <summary>The curation metric the privacy (text overlay) filter records: words of overlaid text found.</summary>
    public const string OverlaidWordsMetric = "text.words";

    /// <summary>The training-split clips of <paramref name="manifest"/> the recipe uses, in manifest order.</summary>
    /// <exception cref="InvalidOperationException">no clip qualifies; the message says why.</exception>
    public static IReadOnlyList<ManifestClip> Select(IReadOnlyList<ManifestClip> manifest, RecipePlan recipe)
    {
        var train = manifest.Where(c => c.Split == DatasetSplit.Train).ToList();
        if (train.Count == 0) throw new InvalidOperationException("The dataset version has no clip in its training split.");
        if (recipe.Subset == ClipSubset.All) return train;
        var measured = train.Where(c => c.Metrics.ContainsKey(OverlaidWordsMetric)).ToList();
        if (measured.Count == 0)
            throw new InvalidOperationException(
                $"Recipe '{recipe.Name}' trains on the privacy-filtered subset, but this version was curated without the privacy (text overlay) stage; curate it with the 'ophora' preset.");
        var clean = measured.Where(c => c.Metrics[OverlaidWordsMetric] == 0).ToList();
        return clean.Count > 0 ? clean
            : throw new InvalidOperationException($"Recipe '{recipe.Name}': every training clip has overlaid text; the privacy-filtered subset is empty.");
    }

    /// <summary>The caption a clip trains with: its primary caption (or its modality when it has none), rewritten by the recipe's template.</summary>
    public static string CaptionOf(ManifestClip clip, RecipePlan recipe)
    {
        var primary = clip.Captions.Count > 0 && !string.IsNullOrWhiteSpace(clip.Captions[0]) ? clip.Captions[0] : $"a {clip.Modality} video";
        return recipe.CaptionFor(primary, clip.Modality);
    }

    /// <summary>Frames of the clip that carry picture (Ophora pads clips to a fixed length with black frames).</summary>
    public static int UsableFrames(ManifestClip clip) => Math.Max(1, clip.FrameCount - clip.PaddingFrames);
}
