namespace MedVid.Diffusion.Sampling;

/// <summary>How a sampler picks its timesteps out of the training schedule (diffusers' timestep_spacing).</summary>
public enum TimestepSpacing
{
    /// <summary>(0, r, 2r, …, (n−1)r) reversed, r = T // n, plus steps_offset: 1000/10 → 900, 800, …, 0.</summary>
    Leading,

    /// <summary>round(T, T − r, …) − 1 with r = T / n (float): 1000/10 → 999, 899, …, 99. Starts at the noisiest step.</summary>
    Trailing,
}

/// <summary>The descending list of timesteps a sampler visits, as diffusers' set_timesteps computes it.</summary>
public static class InferenceTimesteps
{
    public static long[] Create(int trainSteps, int inferenceSteps, TimestepSpacing spacing, int stepsOffset = 0)
    {
        if (inferenceSteps < 1 || inferenceSteps > trainSteps)
            throw new ArgumentOutOfRangeException(nameof(inferenceSteps), $"must be in [1, {trainSteps}]");
        var result = spacing switch
        {
            TimestepSpacing.Leading => Leading(trainSteps, inferenceSteps, stepsOffset),
            TimestepSpacing.Trailing => Trailing(trainSteps, inferenceSteps),
            _ => throw new ArgumentOutOfRangeException(nameof(spacing)),
        };
        if (result[0] >= trainSteps || result[^1] < 0)
            throw new ArgumentOutOfRangeException(nameof(stepsOffset), $"timesteps leave [0, {trainSteps}) with offset {stepsOffset}");
        return result;
    }

    private static long[] Leading(int trainSteps, int n, int offset)
    {
        var ratio = trainSteps / n;
        var result = new long[n];
        for (var i = 0; i < n; i++) result[i] = (long)(n - 1 - i) * ratio + offset;
        return result;
    }

    /// <summary>
    /// numpy's arange(T, 0, −r) fills element i as start + i·δ with δ = (start − r) − start, and
    /// np.round rounds half to even; both are reproduced so ties round the same way. numpy's
    /// length, ceil(T / r), is n + 1 for some n (e.g. 61) because T / (T / n) exceeds n by an ulp,
    /// which makes diffusers end on timestep −1; we always return exactly n entries.
    /// </summary>
    private static long[] Trailing(int trainSteps, int n)
    {
        double start = trainSteps;
        var ratio = (double)trainSteps / n;
        var delta = (start - ratio) - start;
        var result = new long[n];
        for (var i = 0; i < n; i++)
            result[i] = (long)Math.Round(start + i * delta, MidpointRounding.ToEven) - 1;
        return result;
    }
}
