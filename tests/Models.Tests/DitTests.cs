using MedVid.Models.Dit;
using static TorchSharp.torch;

namespace MedVid.Models.Tests;

public class DitTests
{
    [Theory]
    [InlineData("tiny", 3, 8)]
    [InlineData("tiny-4x", 3, 16)]
    [InlineData("small", 2, 4)]
    public void Forward_returns_latent_shaped_epsilon(string size, long frames, long side)
    {
        using var scope = NewDisposeScope();
        var config = DitSizes.Get(size);
        using var generator = new Generator(0);
        using var model = new SpatialTemporalDit(config, generator);
        var input = TestData.ForDit(config, frames, side);
        var output = model.forward(input.Latents, input.Timesteps, input.Context, input.Mask);
        Assert.Equal([2, config.InChannels, frames, side, side], output.shape);
        Assert.All(output.data<float>().ToArray(), v => Assert.True(float.IsFinite(v)));
    }

    [Theory]
    [InlineData("tiny")]
    [InlineData("tiny-4x")]
    [InlineData("mini-4x")]
    [InlineData("small")]
    public void Parameter_formula_matches_the_built_modules(string size)
    {
        var config = DitSizes.Get(size);
        using var model = new SpatialTemporalDit(config);
        var actual = model.parameters().Sum(p => p.numel());
        Assert.Equal(config.ParameterCount(), actual);
    }

    [Theory]
    [InlineData("tiny", 220_880L)]
    [InlineData("tiny-4x", 227_072L)]
    [InlineData("mini-4x", 1_508_544L)]
    [InlineData("small", 5_933_328L)]
    [InlineData("medsora-s", 39_296_016L)]
    [InlineData("xl", 759_602_320L)]
    public void Named_sizes_have_their_documented_parameter_counts(string size, long expected) =>
        Assert.Equal(expected, DitSizes.Get(size).ParameterCount());

    [Fact]
    public void Named_sizes_keep_their_widths()
    {
        Assert.Equal((64, 2, 4), (DitSizes.Tiny.Hidden, DitSizes.Tiny.Depth, DitSizes.Tiny.Heads));
        Assert.Equal((1152, 28, 16), (DitSizes.XL.Hidden, DitSizes.XL.Depth, DitSizes.XL.Heads));
        Assert.Equal(512, DitSizes.MedSoraS.Hidden);
        Assert.Throws<ArgumentException>(() => DitSizes.Get("huge"));
    }

    [Fact]
    public void Fresh_model_has_zero_temporal_and_cross_attention_output_projections()
    {
        using var model = new SpatialTemporalDit(DitSizes.Tiny, new Generator(3));
        foreach (var block in model.blocks)
        {
            foreach (var p in block.attn_temp.proj.parameters().Concat(block.cross_attn.proj.parameters()))
                Assert.All(p.data<float>().ToArray(), v => Assert.Equal(0f, v));
            Assert.Contains(block.attn.proj.weight.data<float>().ToArray(), v => v != 0f);
            Assert.Contains(block.attn_temp.qkv.weight.data<float>().ToArray(), v => v != 0f);
        }
    }

    [Fact]
    public void Attention_projections_are_addressable_by_name()
    {
        using var model = new SpatialTemporalDit(DitSizes.Tiny);
        var names = model.named_parameters().Select(p => p.name).ToHashSet();
        foreach (var name in new[]
                 {
                     "blocks.0.attn.qkv.weight", "blocks.0.attn.proj.bias", "blocks.1.attn_temp.qkv.weight", "blocks.1.attn_temp.proj.weight",
                     "blocks.1.cross_attn.q.weight", "blocks.1.cross_attn.kv.weight", "blocks.1.cross_attn.proj.weight",
                     "blocks.0.mlp.fc1.weight", "blocks.0.scale_shift_table", "t_block.weight", "final_layer.linear.weight",
                 })
            Assert.Contains(name, names);
    }

    [Fact]
    public void Padded_text_positions_do_not_affect_the_output_but_real_tokens_do()
    {
        using var scope = NewDisposeScope();
        using var model = new SpatialTemporalDit(DitSizes.Tiny, new Generator(4));
        TestData.Perturb(model, 5);
        var input = TestData.ForDit(DitSizes.Tiny);
        using var noGrad = no_grad();
        var baseline = model.forward(input.Latents, input.Timesteps, input.Context, input.Mask);

        var padChanged = input.Context.clone();
        padChanged[0][4].fill_(100);
        var samePad = model.forward(input.Latents, input.Timesteps, padChanged, input.Mask);
        Assert.True(samePad.allclose(baseline, rtol: 1e-5, atol: 1e-6));

        var tokenChanged = input.Context.clone();
        tokenChanged[0][1].fill_(3);
        var changed = model.forward(input.Latents, input.Timesteps, tokenChanged, input.Mask);
        Assert.True(TestData.MaxAbsDifference(changed[0], baseline[0]) > 1e-4);
        Assert.True(changed[1].allclose(baseline[1], rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void Temporal_attention_carries_information_between_frames()
    {
        using var scope = NewDisposeScope();
        using var model = new SpatialTemporalDit(DitSizes.Tiny, new Generator(6));
        TestData.Perturb(model, 7);
        var input = TestData.ForDit(DitSizes.Tiny);
        using var noGrad = no_grad();
        var baseline = model.forward(input.Latents, input.Timesteps, input.Context, input.Mask);
        var edited = input.Latents.clone();
        edited.select(2, 0).fill_(2);
        var output = model.forward(edited, input.Timesteps, input.Context, input.Mask);
        Assert.True(TestData.MaxAbsDifference(output.select(2, 2), baseline.select(2, 2)) > 1e-4);

        Freezing.FreezeAll(model);
        foreach (var block in model.blocks) block.attn_temp.proj.weight.zero_();
        foreach (var block in model.blocks) block.attn_temp.proj.bias!.zero_();
        var isolatedBase = model.forward(input.Latents, input.Timesteps, input.Context, input.Mask);
        var isolatedEdit = model.forward(edited, input.Timesteps, input.Context, input.Mask);
        Assert.True(isolatedEdit.select(2, 2).allclose(isolatedBase.select(2, 2), rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void Timestep_changes_the_prediction()
    {
        using var scope = NewDisposeScope();
        using var model = new SpatialTemporalDit(DitSizes.Tiny, new Generator(8));
        TestData.Perturb(model, 9);
        var input = TestData.ForDit(DitSizes.Tiny);
        using var noGrad = no_grad();
        var a = model.forward(input.Latents, input.Timesteps, input.Context, input.Mask);
        var b = model.forward(input.Latents, tensor(new long[] { 500, 900 }), input.Context, input.Mask);
        Assert.True(TestData.MaxAbsDifference(a[0], b[0]) > 1e-4);
    }

    [Fact]
    public void Wrong_input_shapes_are_rejected_with_a_message()
    {
        using var scope = NewDisposeScope();
        using var model = new SpatialTemporalDit(DitSizes.Tiny);
        var input = TestData.ForDit(DitSizes.Tiny);
        var odd = randn([2, 4, 3, 7, 8]);
        Assert.Contains("divisible", Assert.Throws<ArgumentException>(() => model.forward(odd, input.Timesteps, input.Context, input.Mask)).Message);
        var wrongText = randn([2, 5, 16]);
        Assert.Throws<ArgumentException>(() => model.forward(input.Latents, input.Timesteps, wrongText, input.Mask));
    }
}
