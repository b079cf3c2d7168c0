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

    [Fact]
    public void The_motion_weight_scales_only_the_part_of_the_error_that_changes_between_frames()
    {
        using var scope = NewDisposeScope();
        using var schedule = new NoiseSchedule();
        using var generator = new Generator(5);
        var timesteps = tensor(new long[] { 100, 800 });
        var target = randn([2, 3, 4, 2, 2], generator: generator);
        double Loss(Tensor error, double weight, double cap = 1) => LossWeighting.Mse(target + error, target, schedule, timesteps, cap, weight).ToDouble();

        var still = randn([2, 3, 1, 2, 2], generator: generator).expand(2, 3, 4, 2, 2).contiguous();
        Assert.Equal(Loss(still, 1), Loss(still, 4), 5);

        var moving = randn([2, 3, 4, 2, 2], generator: generator);
        moving = moving - moving.mean([2], keepdim: true);
        Assert.Equal(4 * Loss(moving, 1), Loss(moving, 4), 4);

        // A mixed error: mean(m²) + λ·mean(r²), per sample, then the cap's weights on top.
        var mixed = still + moving;
        Assert.Equal(Loss(still, 1) + 3 * Loss(moving, 1), Loss(mixed, 3), 4);
        var weights = new[] { Math.Min(1 / schedule.AlphaCumprod(100), 20), Math.Min(1 / schedule.AlphaCumprod(800), 20) };
        var perSample = Enumerable.Range(0, 2).Select(i =>
            nn.functional.mse_loss(still.select(0, i), zeros_like(still.select(0, i))).ToDouble()
            + 3 * nn.functional.mse_loss(moving.select(0, i), zeros_like(moving.select(0, i))).ToDouble()).ToArray();
        Assert.Equal((perSample[0] * weights[0] + perSample[1] * weights[1]) / 2, Loss(mixed, 3, cap: 20), 3);

        Assert.Throws<ArgumentOutOfRangeException>(() => Loss(mixed, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Loss(mixed, double.NaN));
        Assert.Throws<ArgumentException>(() => LossWeighting.Mse(randn([2, 8]), randn([2, 8]), schedule, timesteps, 1, 2));
    }
}
