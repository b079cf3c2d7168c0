using MedVid.Models.Dit;
using static TorchSharp.torch;

namespace MedVid.Models.Tests;

public class FreezingTests
{
    [Fact]
    public void Frozen_temporal_attention_gets_no_gradient_while_the_rest_does()
    {
        using var scope = NewDisposeScope();
        using var model = new SpatialTemporalDit(DitSizes.Tiny, new Generator(11));
        TestData.Perturb(model, 12);
        var frozen = Freezing.Freeze(model, "blocks.*.attn_temp");
        Assert.Equal(DitSizes.Tiny.Depth * 4, frozen); // qkv and proj, weight and bias, per block

        var input = TestData.ForDit(DitSizes.Tiny);
        model.forward(input.Latents, input.Timesteps, input.Context, input.Mask).square().mean().backward();

        foreach (var (name, p) in model.named_parameters())
        {
            if (name.Contains(".attn_temp.", StringComparison.Ordinal)) Assert.Null(p.grad);
            else Assert.NotNull(p.grad);
        }
        Assert.Equal(model.parameters().Count() - frozen, Freezing.TrainableParameters(model).Count);
    }

    [Fact]
    public void Unfreeze_restores_gradients_for_the_selected_parameters_only()
    {
        using var scope = NewDisposeScope();
        using var model = new SpatialTemporalDit(DitSizes.Tiny, new Generator(13));
        Freezing.FreezeAll(model);
        Freezing.Unfreeze(model, "blocks.1.cross_attn", "final_layer.linear.weight");
        var trainable = model.named_parameters().Where(p => p.parameter.requires_grad).Select(p => p.name).ToList();
        Assert.Equal(["blocks.1.cross_attn.q.weight", "blocks.1.cross_attn.q.bias", "blocks.1.cross_attn.kv.weight", "blocks.1.cross_attn.kv.bias",
            "blocks.1.cross_attn.proj.weight", "blocks.1.cross_attn.proj.bias", "final_layer.linear.weight"], trainable);
    }

    [Fact]
    public void A_pattern_that_selects_nothing_throws()
    {
        using var model = new SpatialTemporalDit(DitSizes.Tiny);
        Assert.Throws<ArgumentException>(() => Freezing.Freeze(model, "blocks.*.temporal_attn"));
    }

    [Theory]
    [InlineData("blocks.*.attn", "blocks.3.attn.qkv.weight", true)]
    [InlineData("blocks.*.attn", "blocks.3.attn_temp.qkv.weight", false)]
    [InlineData("blocks.*.attn", "blocks.attn.qkv", false)]
    [InlineData("**.proj", "blocks.0.cross_attn.proj.bias", true)]
    [InlineData("t_block", "t_block.weight", true)]
    [InlineData("t_block", "t_blocks.weight", false)]
    public void Name_patterns_match_segments_and_prefixes(string pattern, string name, bool selected) =>
        Assert.Equal(selected, new NamePattern(pattern).Selects(name));
}
