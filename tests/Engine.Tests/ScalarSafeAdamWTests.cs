using MedVid.Engine.Optimizers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MedVid.Engine.Tests;

/// <summary>The Scalar-safe AdamW computes exactly what TorchSharp's AdamW does, and its state exports the same way.</summary>
public sealed class ScalarSafeAdamWTests
{
    [Fact]
    public void Ten_steps_match_the_library_AdamW_bit_for_bit()
    {
        using var scope = NewDisposeScope();
        var (library, libraryParameter) = Optimizer(p => optim.AdamW([p], 3e-3, 0.9, 0.99, 1e-8, 0.01));
        var (safe, safeParameter) = Optimizer(p => new ScalarSafeAdamW([p], 3e-3, 0.9, 0.99, 1e-8, 0.01));
        for (var step = 0; step < 10; step++)
        {
            foreach (var (optimizer, parameter) in new[] { (library, libraryParameter), (safe, safeParameter) })
            {
                optimizer.zero_grad();
                using var generator = new Generator((ulong)(100 + step));
                var loss = (parameter * randn([4, 3], generator: generator)).pow(2).sum();
                loss.backward();
                optimizer.step();
            }
        }
        Assert.True(libraryParameter.eq(safeParameter).all().ToBoolean(), "the parameters differ after ten steps");
        var (a, b) = (AdamWState.Export(library), AdamWState.Export(safe));
        Assert.Equal(a.Keys.Order(), b.Keys.Order());
        foreach (var key in a.Keys) Assert.True(a[key].eq(b[key]).all().ToBoolean(), $"state {key} differs");
    }

    private static (AdamW Optimizer, Parameter Parameter) Optimizer(Func<Parameter, AdamW> create)
    {
        using var generator = new Generator(7);
        var parameter = new Parameter(randn([4, 3], generator: generator));
        return (create(parameter), parameter);
    }
}
