using MedVid.Engine.Serialization;
using MedVid.Models.Dit;
using MedVid.Models.Lora;
using static TorchSharp.torch;

namespace MedVid.Models.Tests;

public class LoraTests
{
    private static readonly LoraConfig Config = new(Rank: 4, Alpha: 8);

    private static SpatialTemporalDit PerturbedTiny(ulong seed)
    {
        var model = new SpatialTemporalDit(DitSizes.Tiny, new Generator(seed));
        TestData.Perturb(model, seed + 1);
        return model;
    }

    private static Tensor Run(SpatialTemporalDit model, TestData.DitInputs input) =>
        model.forward(input.Latents, input.Timesteps, input.Context, input.Mask);

    /// <summary>A few AdamW steps on all parameters; frozen ones have no grad, so AdamW skips them.</summary>
    private static void Train(SpatialTemporalDit model, TestData.DitInputs input, int steps)
    {
        using var optimizer = optim.AdamW(model.parameters(), lr: 1e-2, weight_decay: 0.1);
        using var target = randn(input.Latents.shape, generator: new Generator(99));
        for (var i = 0; i < steps; i++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            nn.functional.mse_loss(Run(model, input), target).backward();
            optimizer.step();
        }
    }

    [Fact]
    public void Fresh_adapters_leave_the_output_unchanged_and_train_only_themselves()
    {
        using var scope = NewDisposeScope();
        using var model = PerturbedTiny(20);
        var input = TestData.ForDit(DitSizes.Tiny);
        Tensor before;
        using (no_grad()) before = Run(model, input);
        var adapted = LoraAdapters.Attach(model, Config, new Generator(21));

        Assert.Equal(DitSizes.Tiny.Depth * 7, adapted.Count);
        Assert.Contains("blocks.1.cross_attn.kv", adapted);
        using (no_grad()) Assert.True(Run(model, input).allclose(before, rtol: 0, atol: 0));
        Assert.All(Freezing.TrainableParameters(model), p => Assert.Equal(2, p.dim()));
        Assert.Equal(adapted.Count * 2, Freezing.TrainableParameters(model).Count);
    }

    [Fact]
    public void Training_changes_only_adapters_and_merging_reproduces_the_adapted_output()
    {
        using var scope = NewDisposeScope();
        using var model = PerturbedTiny(22);
        var input = TestData.ForDit(DitSizes.Tiny);
        LoraAdapters.Attach(model, Config, new Generator(23));
        var baseWeights = model.named_parameters().Where(p => !LoraAdapters.IsAdapterKey(p.name))
            .ToDictionary(p => p.name, p => p.parameter.detach().clone());

        Train(model, input, steps: 3);

        foreach (var (name, p) in model.named_parameters().Where(p => !LoraAdapters.IsAdapterKey(p.name)))
            Assert.True(p.allclose(baseWeights[name], rtol: 0, atol: 0), $"{name} changed");
        var firstB = ((AdaptableLinear)model.named_modules().First(m => m.name == "blocks.0.attn.qkv").module).lora_B!;
        Assert.Contains(firstB.data<float>().ToArray(), v => v != 0f);

        Tensor adaptedOutput, baseOutput;
        using (no_grad()) adaptedOutput = Run(model, input);
        using (var baseModel = PerturbedTiny(22))
        using (no_grad()) baseOutput = Run(baseModel, input);
        Assert.True(TestData.MaxAbsDifference(adaptedOutput, baseOutput) > 1e-4);

        Assert.Equal(DitSizes.Tiny.Depth * 7, LoraAdapters.Merge(model));
        Assert.DoesNotContain(model.state_dict().Keys, LoraAdapters.IsAdapterKey);
        using (no_grad()) Assert.True(Run(model, input).allclose(adaptedOutput, rtol: 1e-4, atol: 1e-5));
    }

    [Fact]
    public void Adapter_weights_export_alone_and_load_into_a_fresh_adapted_model()
    {
        using var scope = NewDisposeScope();
        using var model = PerturbedTiny(24);
        var input = TestData.ForDit(DitSizes.Tiny);
        LoraAdapters.Attach(model, Config, new Generator(25));
        Train(model, input, steps: 2);

        var adapters = LoraAdapters.AdapterStateDict(model);
        Assert.Equal(DitSizes.Tiny.Depth * 7 * 2, adapters.Count);
        Assert.All(adapters.Keys, k => Assert.True(LoraAdapters.IsAdapterKey(k)));
        Assert.Equal([4L, 64L], adapters["blocks.0.attn.qkv.lora_A"].shape);
        Assert.Equal([192L, 4L], adapters["blocks.0.attn.qkv.lora_B"].shape);

        var path = Path.Combine(Path.GetTempPath(), $"lora-{Guid.NewGuid():N}.safetensors");
        try
        {
            SafeTensors.Save(path, adapters, LoraAdapters.AdapterMetadata(Config));
            using var file = new SafeTensorsFile(path);
            Assert.Equal("4", file.Metadata["rank"]);
            Assert.Equal("8", file.Metadata["alpha"]);

            using var other = PerturbedTiny(24);
            LoraAdapters.Attach(other, Config, new Generator(77));
            LoraAdapters.LoadAdapterStateDict(other, file.ReadAll());
            using var noGrad = no_grad();
            Assert.True(Run(other, input).allclose(Run(model, input), rtol: 1e-5, atol: 1e-6));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Targets_must_exist_and_be_adaptable()
    {
        using var model = new SpatialTemporalDit(DitSizes.Tiny);
        Assert.Throws<ArgumentException>(() => LoraAdapters.Attach(model, Config with { TargetPatterns = ["blocks.*.attn.query"] }));
        Assert.Throws<ArgumentException>(() => LoraAdapters.Attach(model, Config with { TargetPatterns = ["t_block"] }));
    }
}
