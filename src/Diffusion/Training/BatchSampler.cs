namespace MedVid.Diffusion.Training;

/// <summary>
/// Which dataset rows form the batch of a given step, as a pure function of (seed, step): the
/// rows are read as one endless stream of epochs, each epoch a permutation of 0..n−1 shuffled
/// from Mix(seed, DataOrder, epoch), and step s takes stream positions [s·B, (s+1)·B). A batch may
/// span two epochs; every row is seen exactly once per epoch. The shuffle is a managed
/// Fisher–Yates over SplitMix64, so it does not depend on libtorch's generator either.
/// </summary>
public sealed class BatchSampler(int datasetSize, int batchSize, ulong seed)
{
    private long cachedEpoch = -1;
    private int[] cachedOrder = [];

    public int DatasetSize { get; } = datasetSize > 0 ? datasetSize : throw new ArgumentOutOfRangeException(nameof(datasetSize));

    public int BatchSize { get; } = batchSize > 0 ? batchSize : throw new ArgumentOutOfRangeException(nameof(batchSize));

    public ulong Seed { get; } = seed;

    /// <summary>The epoch the first row of step <paramref name="step"/> belongs to.</summary>
    public long EpochOf(long step) => step * BatchSize / DatasetSize;

    public int[] IndicesFor(long step)
    {
        if (step < 0) throw new ArgumentOutOfRangeException(nameof(step));
        var result = new int[BatchSize];
        for (var i = 0; i < BatchSize; i++)
        {
            var position = step * BatchSize + i;
            result[i] = Order(position / DatasetSize)[(int)(position % DatasetSize)];
        }
        return result;
    }

    /// <summary>The permutation of epoch <paramref name="epoch"/> (the last one is cached).</summary>
    public int[] Order(long epoch)
    {
        if (epoch == cachedEpoch) return cachedOrder;
        var order = new int[DatasetSize];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        var state = SeedMixer.Mix(Seed, RandomStream.DataOrder, epoch);
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = (int)Below(ref state, (ulong)i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        (cachedEpoch, cachedOrder) = (epoch, order);
        return order;
    }

    /// <summary>A uniform integer in [0, bound) by rejection, so no index is favoured.</summary>
    private static ulong Below(ref ulong state, ulong bound)
    {
        var limit = ulong.MaxValue - ulong.MaxValue % bound;
        while (true)
        {
            state += 0x9E3779B97F4A7C15UL;
            var z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            if (z < limit) return z % bound;
        }
    }
}
