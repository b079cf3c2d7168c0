using MedVid.Diffusion.Training;
using static TorchSharp.torch;

namespace MedVid.Diffusion.Tests;

public class LossWeightingTests
{
    [Fact]
    public void A_cap_of_one_is_the_plain_mse_and_a_higher_cap_weights_each_sample_by_the_truncated_inverse_alpha_bar()
    {
        using var scope = NewDisposeScope();
        using var schedule = new NoiseSchedule();
        using var generator = new Generator(3);
        var predicted = randn([3, 2, 4], generator: generator);
        var noise = randn([3, 2, 4], generator: generator);
        long[] steps = [10, 400, 900];
        var timesteps = tensor(steps);

        Assert.Equal(nn.functional.mse_loss(predicted, noise).ToDouble(), LossWeighting.Mse(predicted, noise, schedule, timesteps, 1).ToDouble(), 6);

        var perSample = Enumerable.Range(0, 3).Select(i => nn.functional.mse_loss(predicted.select(0, i), noise.select(0, i)).ToDouble()).ToArray();
        var expected = Enumerable.Range(0, 3).Select(i => perSample[i] * Math.Min(1 / schedule.AlphaCumprod(steps[i]), 20)).Average();
        Assert.Equal(expected, LossWeighting.Mse(predicted, noise, schedule, timesteps, 20).ToDouble(), 4);
        Assert.True(1 / schedule.AlphaCumprod(900) > 20 && 1 / schedule.AlphaCumprod(10) < 2, "the cases should cover both sides of the cap");
        Assert.Throws<ArgumentOutOfRangeException>(() => LossWeighting.Mse(predicted, noise, schedule, timesteps, 0.5));
    }
}
