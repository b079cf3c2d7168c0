using MedVid.Contracts.Training;
using MedVid.Grains.Training;
using MedVid.Training.Recipes;

namespace MedVid.Training.Tests;

public sealed class RecipeCatalogTests
{
    [Fact]
    public void The_host_knows_exactly_the_recipes_the_api_accepts() =>
        Assert.Equal(TrainingVocabulary.Recipes, RecipeCatalog.All.Select(r => r.Name));

    [Fact]
    public void The_host_builds_exactly_the_model_sizes_the_api_accepts() =>
        Assert.Equal(TrainingVocabulary.ModelSizes, MedVid.Training.Model.ModelSizes.All.Select(s => s.Name));

    [Fact]
    public void The_recipe_that_trains_only_the_autoencoder_is_the_one_the_stage_plan_knows_as_vae_only()
    {
        Assert.Equal([TrainingStages.AutoencoderRecipe], RecipeCatalog.All.Where(r => r.Target == TrainingTarget.Autoencoder).Select(r => r.Name));
        Assert.Equal(0, TrainingStages.For(TrainingStages.AutoencoderRecipe, false, null, 10).DiffusionSteps);
    }

    [Fact]
    public void Bora_stage_one_freezes_temporal_attention_and_rewrites_captions_to_the_modality_template()
    {
        var recipe = RecipeCatalog.Get("bora-modal-alignment");
        Assert.Equal(["dit.blocks.*.attn_temp"], recipe.FrozenParameterPatterns);
        Assert.Equal("This is a endoscopy video.", recipe.CaptionFor("a polyp on the left wall", "endoscopy"));
        Assert.Equal("a polyp on the left wall", RecipeCatalog.Get("bora-instruction-tuning").CaptionFor("a polyp on the left wall", "endoscopy"));
    }

    [Fact]
    public void Only_medgen_uses_lora_only_medsora_joint_images_and_an_unknown_recipe_is_named_in_the_error()
    {
        Assert.Equal(["medgen-lora"], RecipeCatalog.All.Where(r => r.UsesLora).Select(r => r.Name));
        Assert.Equal(["medsora-joint"], RecipeCatalog.All.Where(r => r.UsesJointImages).Select(r => r.Name));
        Assert.StartsWith("Unknown recipe 'magic'; known: vae, standard,", Assert.Throws<ArgumentException>(() => RecipeCatalog.Get("magic")).Message);
    }
}
