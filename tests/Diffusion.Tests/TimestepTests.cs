using MedVid.Diffusion.Sampling;

namespace MedVid.Diffusion.Tests;

/// <summary>
/// Expected lists are diffusers' set_timesteps results for 1000 training steps (also Table 2 of
/// Lin et al., "Common Diffusion Noise Schedules and Sample Steps are Flawed").
/// </summary>
public class TimestepTests
{
    private static long[] Range(long first, long step, int count) => Enumerable.Range(0, count).Select(i => first - i * step).ToArray();

    [Fact]
    public void Leading_spacing_for_10_and_50_steps()
    {
        Assert.Equal([900, 800, 700, 600, 500, 400, 300, 200, 100, 0], InferenceTimesteps.Create(1000, 10, TimestepSpacing.Leading));
        Assert.Equal(Range(980, 20, 50), InferenceTimesteps.Create(1000, 50, TimestepSpacing.Leading));
        // Stable Diffusion's steps_offset = 1.
        Assert.Equal([901, 801, 701, 601, 501, 401, 301, 201, 101, 1], InferenceTimesteps.Create(1000, 10, TimestepSpacing.Leading, 1));
        // 1000 // 3 = 333: 666, 333, 0.
        Assert.Equal([666, 333, 0], InferenceTimesteps.Create(1000, 3, TimestepSpacing.Leading));
        Assert.Equal(Range(999, 1, 1000), InferenceTimesteps.Create(1000, 1000, TimestepSpacing.Leading));
    }

    [Fact]
    public void Trailing_spacing_for_10_and_50_steps()
    {
        Assert.Equal([999, 899, 799, 699, 599, 499, 399, 299, 199, 99], InferenceTimesteps.Create(1000, 10, TimestepSpacing.Trailing));
        Assert.Equal(Range(999, 20, 50), InferenceTimesteps.Create(1000, 50, TimestepSpacing.Trailing));
        Assert.Equal([999, 666, 332], InferenceTimesteps.Create(1000, 3, TimestepSpacing.Trailing));
        Assert.Equal([999], InferenceTimesteps.Create(1000, 1, TimestepSpacing.Trailing));
    }

    [Fact]
    public void Trailing_spacing_rounds_half_to_even_as_numpy_does()
    {
        // r = 62.5: 937.5 → 938, 812.5 → 812, 687.5 → 688, ... then − 1.
        long[] expected = [999, 937, 874, 811, 749, 687, 624, 561, 499, 437, 374, 311, 249, 187, 124, 61];
        Assert.Equal(expected, InferenceTimesteps.Create(1000, 16, TimestepSpacing.Trailing));
    }

    [Fact]
    public void Trailing_spacing_never_ends_below_zero()
    {
        // numpy's arange length for 61 steps is 62 (diffusers then ends on −1); we keep n entries.
        for (var n = 1; n <= 1000; n++)
        {
            var steps = InferenceTimesteps.Create(1000, n, TimestepSpacing.Trailing);
            Assert.Equal(n, steps.Length);
            Assert.True(steps[^1] >= 0, $"n={n}");
            Assert.True(steps.Zip(steps.Skip(1)).All(p => p.First > p.Second), $"n={n} not strictly descending");
        }
        Assert.Equal(15, InferenceTimesteps.Create(1000, 61, TimestepSpacing.Trailing)[^1]);
    }

    [Fact]
    public void Out_of_range_requests_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => InferenceTimesteps.Create(1000, 0, TimestepSpacing.Leading));
        Assert.Throws<ArgumentOutOfRangeException>(() => InferenceTimesteps.Create(1000, 1001, TimestepSpacing.Trailing));
        Assert.Throws<ArgumentOutOfRangeException>(() => InferenceTimesteps.Create(1000, 1000, TimestepSpacing.Leading, 1));
    }
}
