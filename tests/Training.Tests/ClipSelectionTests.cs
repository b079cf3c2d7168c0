using MedVid.Curation.Manifest;
using MedVid.Training.Data;
using MedVid.Training.Recipes;
using MedVid.Curation.Clips;

namespace MedVid.Training.Tests;

public sealed class ClipSelectionTests
{
    private static ManifestClip Clip(string id, DatasetSplit split, double? overlaidWords, params string[] captions) =>
        new(id, $"teams/t/{id}.mp4", "s", 0, 1, captions, new Dictionary<string, string>(), "ultrasound",
            overlaidWords is { } w ? new Dictionary<string, double> { [ClipSelection.OverlaidWordsMetric] = w } : new Dictionary<string, double>(),
            split, 64, 64, 8, 10, 2);

    [Fact]
    public void Training_uses_the_train_split_and_ophora_finetuning_only_clips_measured_free_of_text()
    {
        var manifest = new[] { Clip("a", DatasetSplit.Train, 0), Clip("b", DatasetSplit.Train, 3), Clip("c", DatasetSplit.Test, 0), Clip("d", DatasetSplit.Train, 0) };
        Assert.Equal(["a", "b", "d"], ClipSelection.Select(manifest, RecipeCatalog.Get("standard")).Select(c => c.ClipId));
        Assert.Equal(["a", "d"], ClipSelection.Select(manifest, RecipeCatalog.Get("ophora-privacy-finetuning")).Select(c => c.ClipId));
    }

    [Fact]
    public void A_version_curated_without_the_privacy_stage_or_without_train_clips_is_refused_with_the_reason()
    {
        var unmeasured = new[] { Clip("a", DatasetSplit.Train, null) };
        Assert.Contains("curated without the privacy (text overlay) stage",
            Assert.Throws<InvalidOperationException>(() => ClipSelection.Select(unmeasured, RecipeCatalog.Get("ophora-privacy-finetuning"))).Message);
        Assert.Contains("every training clip has overlaid text",
            Assert.Throws<InvalidOperationException>(() => ClipSelection.Select([Clip("a", DatasetSplit.Train, 2)], RecipeCatalog.Get("ophora-privacy-finetuning"))).Message);
        Assert.Equal("The dataset version has no clip in its training split.",
            Assert.Throws<InvalidOperationException>(() => ClipSelection.Select([Clip("a", DatasetSplit.Test, 0)], RecipeCatalog.Get("standard"))).Message);
    }

    [Fact]
    public void Captions_use_the_primary_caption_or_the_modality_and_the_recipe_template_and_padding_is_not_usable()
    {
        Assert.Equal("echo at 60 bpm", ClipSelection.CaptionOf(Clip("a", DatasetSplit.Train, 0, "echo at 60 bpm", "other"), RecipeCatalog.Get("standard")));
        Assert.Equal("a ultrasound video", ClipSelection.CaptionOf(Clip("a", DatasetSplit.Train, 0), RecipeCatalog.Get("standard")));
        Assert.Equal("This is a ultrasound video.", ClipSelection.CaptionOf(Clip("a", DatasetSplit.Train, 0, "x"), RecipeCatalog.Get("bora-modal-alignment")));
        Assert.Equal(8, ClipSelection.UsableFrames(Clip("a", DatasetSplit.Train, 0)));
    }
}
