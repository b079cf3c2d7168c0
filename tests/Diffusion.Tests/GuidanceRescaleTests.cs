using MedVid.Diffusion.Sampling;
using static TorchSharp.torch;

namespace MedVid.Diffusion.Tests;

/// <summary>Classifier-free guidance with Lin et al.'s rescale of the guided output to the conditional output's spread.</summary>
public class GuidanceRescaleTests
{
    private static readonly long[] Shape = [2, 2, 3, 4, 4];

    [Fact]
    public void A_rescale_of_one_gives_the_guided_direction_at_the_conditional_spread()
    {
        using var scope = NewDisposeScope();
        var (noisy, t, captions) = Inputs();
        var denoiser = new ScalingDenoiser();
        var conditional = ClassifierFreeGuidance.Predict(denoiser, noisy, t, captions, TestData.NullCaption(), 1.0);
        var plain = ClassifierFreeGuidance.Predict(denoiser, noisy, t, captions, TestData.NullCaption(), 5.0);
        var rescaled = ClassifierFreeGuidance.Predict(denoiser, noisy, t, captions, TestData.NullCaption(), 5.0, rescale: 1.0);
        for (var row = 0; row < Shape[0]; row++)
        {
            // Plain guidance at 5 spreads the output wider than the conditional one; the rescale takes it back exactly.
            Assert.True(plain[row].std().ToDouble() > 1.5 * conditional[row].std().ToDouble());
            Assert.Equal(conditional[row].std().ToDouble(), rescaled[row].std().ToDouble(), 4);
        }
        // This denoiser's outputs are all proportional to x_t, so the guided direction is the conditional one.
        Expect.Close(conditional, rescaled, 1e-4, "rescaled guidance");
    }

    [Fact]
    public void A_partial_rescale_mixes_the_rescaled_and_the_plain_output()
    {
        using var scope = NewDisposeScope();
        var (noisy, t, captions) = Inputs();
        var denoiser = new ScalingDenoiser();
        var plain = ClassifierFreeGuidance.Predict(denoiser, noisy, t, captions, TestData.NullCaption(), 5.0);
        var full = ClassifierFreeGuidance.Predict(denoiser, noisy, t, captions, TestData.NullCaption(), 5.0, rescale: 1.0);
        var partial = ClassifierFreeGuidance.Predict(denoiser, noisy, t, captions, TestData.NullCaption(), 5.0, rescale: 0.7);
        Expect.Close(full * 0.7 + plain * 0.3, partial, 1e-4, "φ = 0.7");
        Expect.BitEqual(plain, ClassifierFreeGuidance.Predict(denoiser, noisy, t, captions, TestData.NullCaption(), 5.0, rescale: 0), "φ = 0");
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    public void A_rescale_outside_zero_to_one_is_refused(double rescale)
    {
        using var scope = NewDisposeScope();
        var (noisy, t, captions) = Inputs();
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            ClassifierFreeGuidance.Predict(new ScalingDenoiser(), noisy, t, captions, TestData.NullCaption(), 5.0, rescale));
    }

    private static (Tensor Noisy, Tensor Timesteps, Conditioning Captions) Inputs()
    {
        using var generator = new Generator(3);
        return (randn(Shape, generator: generator), full([Shape[0]], 500L), TestData.Captions(Shape[0], generator));
    }

    /// <summary>Outputs x_t scaled by 1 + mean |token|: the null caption (zero features) gives x_t, a caption more.</summary>
    private sealed class ScalingDenoiser : IDenoiser
    {
        public Tensor Predict(Tensor noisy, Tensor timesteps, Conditioning conditioning)
        {
            var scale = conditioning.Tokens.abs().mean([1, 2]) + 1;
            return noisy * scale.reshape(-1, 1, 1, 1, 1);
        }
    }
}
