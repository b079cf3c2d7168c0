using static TorchSharp.torch;

namespace MedVid.Diffusion.Training;

/// <summary>A training batch: latents [B, C, T, H, W] (VAE-encoded and scaled) and their captions' conditioning.</summary>
public sealed record LatentBatch(Tensor Latents, Conditioning Conditioning);

/// <summary>
/// Rows the trainer can ask for by index. Tensors a batch creates inside the call join the
/// trainer's per-step dispose scope and are freed after the step.
/// </summary>
public interface ILatentDataset
{
    int Count { get; }

    LatentBatch GetBatch(IReadOnlyList<int> indices);
}

/// <summary>A dataset held in memory as stacked tensors (precomputed latents and text features).</summary>
public sealed class InMemoryLatentDataset(Tensor latents, Conditioning conditioning) : ILatentDataset
{
    public int Count { get; } = checked((int)latents.shape[0]);

    public LatentBatch GetBatch(IReadOnlyList<int> indices)
    {
        var rows = tensor(indices.Select(i => (long)i).ToArray());
        return new LatentBatch(latents.index_select(0, rows),
            new Conditioning(conditioning.Tokens.index_select(0, rows), conditioning.Mask.index_select(0, rows)));
    }
}
