using static TorchSharp.torch;

namespace MedVid.Diffusion.Tests;

public class ScheduleTests
{
    [Fact]
    public void Linear_betas_and_cumulative_alphas_match_a_hand_computation()
    {
        using var schedule = new NoiseSchedule();
        Assert.Equal(1000, schedule.TrainSteps);
        Assert.Equal(1e-4, schedule.Beta(0), 15);
        Assert.Equal(0.02, schedule.Beta(999), 15);
        Assert.Equal(1e-4 + 0.0199 / 999 * 500, schedule.Beta(500), 15);
        Assert.Equal(1 - 1e-4, schedule.AlphaCumprod(0), 15);
        var product = 1.0;
        for (var i = 0; i < 1000; i++) product *= 1 - (1e-4 + (0.02 - 1e-4) * i / 999);
        Assert.Equal(product, schedule.AlphaCumprod(999), 15);
        // The well-known ᾱ_T of the DDPM linear schedule, about 4.04e-5.
        Assert.InRange(schedule.AlphaCumprod(999), 4.03e-5, 4.05e-5);
        Assert.Equal(float32, schedule.AlphasCumprod.dtype);
        Assert.Equal((float)product, schedule.AlphasCumprod[999].ToSingle());
    }

    [Fact]
    public void AddNoise_applies_the_per_row_coefficients()
    {
        using var scope = NewDisposeScope();
        using var schedule = new NoiseSchedule();
        var x0 = ones([2, 1, 1, 2, 2]);
        var noise = full([2, 1, 1, 2, 2], 2.0);
        var noisy = schedule.AddNoise(x0, noise, tensor([0L, 999L]));
        var a0 = schedule.AlphaCumprod(0);
        var a999 = schedule.AlphaCumprod(999);
        Assert.Equal(Math.Sqrt(a0) + 2 * Math.Sqrt(1 - a0), noisy[0].max().ToDouble(), 6);
        Assert.Equal(Math.Sqrt(a999) + 2 * Math.Sqrt(1 - a999), noisy[1].min().ToDouble(), 6);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(500L)]
    [InlineData(999L)]
    public void PredictX0_of_AddNoise_with_the_true_noise_recovers_x0(long t)
    {
        using var scope = NewDisposeScope();
        using var schedule = new NoiseSchedule();
        using var generator = new Generator(5);
        var x0 = randn([3, 4, 2, 8, 8], generator: generator);
        var noise = randn([3, 4, 2, 8, 8], generator: generator);
        var timesteps = full([3], t, int64);
        var recovered = schedule.PredictX0(schedule.AddNoise(x0, noise, timesteps), noise, timesteps);
        // 1/√ᾱ_999 ≈ 157 amplifies float32 rounding of x_t; the tolerance scales with it.
        Expect.Close(x0, recovered, 4e-6 / Math.Sqrt(schedule.AlphaCumprod(t)), $"t={t}");
    }

    [Fact]
    public void A_custom_schedule_is_honoured_and_bad_ones_are_refused()
    {
        using var schedule = new NoiseSchedule(new NoiseScheduleConfig(10, 0.001, 0.1));
        Assert.Equal(0.001 + 0.099 / 9 * 3, schedule.Beta(3), 15);
        Assert.Throws<ArgumentOutOfRangeException>(() => new NoiseSchedule(new NoiseScheduleConfig(10, 0.1, 0.01)));
    }
}
