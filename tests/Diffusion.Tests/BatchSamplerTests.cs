using MedVid.Diffusion.Training;

namespace MedVid.Diffusion.Tests;

public class BatchSamplerTests
{
    [Fact]
    public void Every_epoch_is_a_permutation_and_batches_read_them_in_order()
    {
        var sampler = new BatchSampler(datasetSize: 10, batchSize: 4, seed: 3);
        var stream = Enumerable.Range(0, 5).SelectMany(step => sampler.IndicesFor(step)).ToArray(); // 20 rows = 2 epochs
        Assert.Equal(Enumerable.Range(0, 10), stream.Take(10).Order());
        Assert.Equal(Enumerable.Range(0, 10), stream.Skip(10).Order());
        Assert.Equal(sampler.Order(0), stream.Take(10));
        Assert.NotEqual(sampler.Order(0), sampler.Order(1));
        Assert.Equal(1L, sampler.EpochOf(3)); // rows 12..15
    }

    [Fact]
    public void Batches_depend_only_on_seed_and_step()
    {
        var a = new BatchSampler(100, 8, 17);
        var b = new BatchSampler(100, 8, 17);
        // Asking out of order (as after a resume) gives the same rows.
        var late = b.IndicesFor(57);
        Assert.Equal(a.IndicesFor(57), late);
        Assert.Equal(a.IndicesFor(3), b.IndicesFor(3));
        Assert.NotEqual(a.IndicesFor(3), new BatchSampler(100, 8, 18).IndicesFor(3));
        Assert.NotEqual(Enumerable.Range(0, 100), a.Order(0));
    }
}
