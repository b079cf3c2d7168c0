using TorchSharp;
using static TorchSharp.torch;

namespace MedVid.Engine.Tests;

/// <summary>
/// libtorch 2.10's oneDNN AVX2 and AVX-512 kernels returned wrong, sometimes NaN, input gradients for 3×3 convolutions
/// with fewer than 8 output channels (a VAE's RGB output, a denoiser's latent output) on an AMD EPYC host; the cap
/// every MedVid assembly applies (src/Engine.LibTorchSharpCompat/OneDnnIsaCap.cs) must keep them right.
/// </summary>
public sealed class ConvolutionGradientTests
{
    [Theory]
    [InlineData(2, 32, 2)]
    [InlineData(2, 64, 3)]
    [InlineData(2, 8, 4)]
    [InlineData(3, 32, 2)]
    [InlineData(3, 4, 1)]
    [InlineData(3, 32, 4)]
    public void A_convolution_with_few_output_channels_back_propagates_the_gradient_float64_computes(int dims, int inChannels, int outChannels)
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        nn.Module<Tensor, Tensor> conv = dims == 2 ? nn.Conv2d(inChannels, outChannels, 3, padding: 1) : nn.Conv3d(inChannels, outChannels, 3, padding: 1);
        var x = randn(dims == 2 ? [4, inChannels, 8, 8] : [4, inChannels, 2, 4, 4]).requires_grad_();
        conv.forward(x).sum().backward();

        var x64 = x.detach().to(float64).requires_grad_();
        conv.to(float64);
        conv.forward(x64).sum().backward();

        var error = (x.grad!.to(float64) - x64.grad!).abs().max().ToDouble();
        Assert.True(error < 1e-4, $"input gradient off by {error} (DNNL_MAX_CPU_ISA={Environment.GetEnvironmentVariable("DNNL_MAX_CPU_ISA")})");
        conv.Dispose();
    }
}
