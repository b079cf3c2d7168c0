using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace MedVid.Engine.Tests;

/// <summary>
/// TorchSharp loads on this machine (through the libstdc++ compatibility step where the system
/// needs it, see docs/engine.md) and computes: values, autograd and an optimizer step.
/// </summary>
public sealed class TorchSharpLoadTests
{
    [Fact]
    public void Matmul_matches_a_hand_computed_product()
    {
        using var a = tensor(new float[] { 1, 2, 3, 4, 5, 6 }, [2, 3]);
        using var b = tensor(new float[] { 7, 8, 9, 10, 11, 12 }, [3, 2]);
        using var c = matmul(a, b);
        Assert.Equal(new float[] { 58, 64, 139, 154 }, c.data<float>().ToArray());
        Assert.StartsWith("2.10", __version__);
    }

    [Fact]
    public void Linear_backward_gives_the_analytic_gradient_and_AdamW_moves_the_weight()
    {
        manual_seed(1);
        using var linear = nn.Linear(3, 1);
        using var x = tensor(new float[] { 1, -2, 0.5f }, [1, 3]);
        using var loss = linear.forward(x).sum();
        loss.backward();
        // d(w·x + b)/dw = x
        Assert.Equal(new float[] { 1, -2, 0.5f }, linear.weight!.grad!.data<float>().ToArray());

        var before = linear.weight.data<float>().ToArray();
        using var optimizer = optim.AdamW(linear.parameters(), lr: 0.1);
        optimizer.step();
        var after = linear.weight.data<float>().ToArray();
        // AdamW's first step moves each weight by lr against the gradient's sign (plus decay).
        for (var i = 0; i < 3; i++) Assert.Equal(-Math.Sign(x.data<float>()[i]), Math.Sign(after[i] - before[i]));
    }

    [Fact]
    public void The_loaded_LibTorchSharp_is_patched_only_where_the_system_libstdcxx_is_older_than_GCC_13()
    {
        // TorchSharp's library sits beside the finalizer quarantine that stands in for it (FinalizerQuarantineTests).
        var library = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.real.so");
        Assert.True(File.Exists(library), library);
        var systemHasIt = NativeLibrary.TryLoad("libstdc++.so.6", out var libstdcxx)
                          && NativeLibrary.TryGetExport(libstdcxx, "_ZSt21ios_base_library_initv", out _);
        // The weak flag is bit 1 of the Vernaux flags; its presence is visible as a changed byte
        // against the package's copy, which is what the build step promises on old systems only.
        var package = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages",
            "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        var nugetRoot = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (nugetRoot is not null) package = Path.Combine(nugetRoot, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(File.Exists(package), package);
        var differences = File.ReadAllBytes(library).Zip(File.ReadAllBytes(package)).Count(pair => pair.First != pair.Second);
        Assert.Equal(systemHasIt ? 0 : 1, differences);
    }
}
