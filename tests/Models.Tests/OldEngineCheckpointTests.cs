using MedVid.Engine.Optimizers;
using MedVid.Engine.Serialization;
using MedVid.Models.Dit;
using static TorchSharp.torch;

namespace MedVid.Models.Tests;

/// <summary>
/// A checkpoint written by the libtorch 1.13 engine (Fixtures/old-engine, made by
/// WriteFixture.cs.txt: a tiny DiT after two AdamW steps) loads on TorchSharp: the same keys, the
/// same outputs, and optimizer and EMA state that resume from step 2.
/// </summary>
public sealed class OldEngineCheckpointTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "old-engine", name);

    [Fact]
    public void Weights_load_strictly_and_reproduce_the_old_engines_output()
    {
        using var scope = NewDisposeScope();
        using var model = new SpatialTemporalDit(DitSizes.Tiny, new Generator(1));
        using var file = new SafeTensorsFile(Fixture("model.safetensors"));
        Assert.Equal("libtorch 1.13 engine", file.Metadata["writer"]);
        model.load_state_dict(file.ReadAll(), strict: true);

        var io = SafeTensors.Load(Fixture("io.safetensors"));
        using var noGrad = no_grad();
        var output = model.forward(io["latents"], io["timesteps"], io["context"], io["mask"]);
        // libtorch 1.13 and 2.10 may order float sums differently: equal to float32 rounding.
        Assert.True(output.allclose(io["output"], rtol: 1e-4, atol: 1e-5), $"max difference {TestData.MaxAbsDifference(output, io["output"])}");
    }

    [Fact]
    public void Optimizer_and_ema_state_resume_at_the_saved_step()
    {
        using var scope = NewDisposeScope();
        using var model = new SpatialTemporalDit(DitSizes.Tiny, new Generator(1));
        model.load_state_dict(SafeTensors.Load(Fixture("model.safetensors")));
        using var optimizer = optim.AdamW(model.parameters(), lr: 1e-3, weight_decay: 0.01);
        var saved = SafeTensors.Load(Fixture("optimizer.safetensors"));
        AdamWState.Import(optimizer, saved);
        var restored = AdamWState.Export(optimizer);
        Assert.Equal(saved.Keys.Order(), restored.Keys.Order());
        foreach (var (key, value) in saved) Assert.True(value.allclose(restored[key], 0, 0), key);

        using var ema = new ExponentialMovingAverage(model, 0.9);
        ema.load_state_dict(SafeTensors.Load(Fixture("ema.safetensors")));
        Assert.Equal(2L, ema.StepCount);
    }
}
