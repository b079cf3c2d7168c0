namespace MedVid.Diffusion.Sampling;

/// <summary>
/// The timesteps, <see cref="From"/> to <see cref="To"/> inclusive, at which a sampler applies classifier-free guidance
/// (Kynkäänniemi et al. 2024, "Applying guidance in a limited interval"); elsewhere it uses the conditional output alone.
/// </summary>
public readonly record struct GuidanceInterval
{
    public GuidanceInterval(long from, long to)
    {
        if (from < 0 || to < from)
            throw new ArgumentOutOfRangeException(nameof(to), $"a guidance interval runs from a timestep ≥ 0 to one at least as large, not {from}..{to}");
        (From, To) = (from, to);
    }

    public long From { get; }

    public long To { get; }

    public bool Contains(long timestep) => timestep >= From && timestep <= To;
}
