using MedVid.Training.Data;
using static TorchSharp.torch;

namespace MedVid.Training.Tests;

/// <summary>Clips decoded once for several runs: the same pixels as each clip decoded alone, one storage, handles of their own.</summary>
[Collection(PhantomClipsCollection.Name)]
public sealed class DecodedClipCacheTests(PhantomClips phantoms)
{
    [Fact]
    public async Task All_clips_decode_in_order_to_what_each_decodes_to_alone()
    {
        using var all = await ClipTensors.LoadAllAsync(phantoms.Clips, 6, 32, 12, CancellationToken.None);
        Assert.Equal([phantoms.Clips.Count, 3, 6, 32, 32], all.shape);
        for (var i = 0; i < phantoms.Clips.Count; i++)
        {
            using var alone = await ClipTensors.LoadAsync(phantoms.Clips[i], 6, 32, 12, CancellationToken.None);
            using var row = all[i];
            Assert.True(row.allclose(alone, 0, 0), $"clip {i} differs");
        }
    }

    [Fact]
    public async Task Runs_asking_at_the_same_time_share_one_decode_and_dispose_their_own_handles()
    {
        using var cache = new DecodedClipCache();
        var first = cache.GetAsync(phantoms.Clips, 4, 32, 12, CancellationToken.None);
        var second = cache.GetAsync(phantoms.Clips, 4, 32, 12, CancellationToken.None);
        using var a = await first;
        var b = await second;
        using var later = await cache.GetAsync(phantoms.Clips, 4, 32, 12, CancellationToken.None);
        // One storage: a change through one handle shows through the others (only a test writes to the cache).
        a[0, 0, 0, 0, 0] = tensor(5f);
        Assert.Equal(5f, b[0, 0, 0, 0, 0].item<float>());
        Assert.Equal(5f, later[0, 0, 0, 0, 0].item<float>());
        var sum = a.sum().item<float>();
        b.Dispose();
        Assert.Equal(sum, a.sum().item<float>());

        using var otherSize = await cache.GetAsync(phantoms.Clips, 4, 16, 12, CancellationToken.None);
        Assert.Equal(16, otherSize.shape[^1]);
    }

    [Fact]
    public async Task A_failed_decode_is_not_kept()
    {
        var folder = Directory.CreateTempSubdirectory("medvid-clip-cache-").FullName;
        try
        {
            var late = Path.Combine(folder, "late.mp4");
            List<TrainingClip> clips = [phantoms.Clips[0], phantoms.Clips[1] with { File = late }];
            using var cache = new DecodedClipCache();
            await Assert.ThrowsAnyAsync<Exception>(() => cache.GetAsync(clips, 4, 32, 12, CancellationToken.None));

            File.Copy(phantoms.Clips[1].File, late);
            using var decoded = await cache.GetAsync(clips, 4, 32, 12, CancellationToken.None);
            Assert.Equal(2, decoded.shape[0]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
