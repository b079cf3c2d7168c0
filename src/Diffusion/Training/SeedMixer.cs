namespace MedVid.Diffusion.Training;

/// <summary>Independent random streams derived from the run's seed, one per use.</summary>
public enum RandomStream : ulong
{
    /// <summary>Timesteps, noise and caption dropout of a training step.</summary>
    StepNoise = 1,

    /// <summary>The global libtorch seed set before the forward pass (dropout inside the model).</summary>
    ModelDropout = 2,

    /// <summary>The permutation of the dataset for one epoch.</summary>
    DataOrder = 3,
}

/// <summary>
/// Counter-based seeding: the randomness of step s is a fresh generator seeded with
/// Mix(seed, stream, s), so the whole random state of a run is (seed, step) and resuming at step s
/// needs no saved generator state. Mix chains SplitMix64's finaliser, a bijection with full
/// avalanche, so neighbouring steps and streams get unrelated seeds.
/// </summary>
public static class SeedMixer
{
    public static ulong Mix(ulong seed, RandomStream stream, long counter) =>
        Finalise(Finalise(Finalise(seed) ^ (ulong)stream) + (ulong)counter);

    private static ulong Finalise(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
