using MedVid.Diffusion;
using MedVid.Diffusion.Training;
using MedVid.Training.Model;
using static TorchSharp.torch;

namespace MedVid.Training.Data;

/// <summary>
/// Cached clip latents with their captions, batched for the diffusion trainer. Captions are encoded per batch by the
/// model's text encoder, inside the training step's graph, so the encoder trains jointly with the DiT. Caption dropout
/// (the empty prompt, for classifier-free guidance) happens here rather than in the trainer, because the encoding of
/// the empty prompt changes as the encoder learns. MedSora's joint training appends <see cref="JointImages"/> frames of
/// other clips to each clip along time. All choices are functions of (seed, step).
/// </summary>
public sealed class CaptionedLatentDataset(
    Tensor latents, IReadOnlyList<string> captions, TextToVideoModel model, ulong seed, double captionDropout, int jointImages, Func<long> step)
    : ILatentDataset
{
    /// <summary>Streams of the run's counter-based randomness beyond the trainer's own.</summary>
    private const RandomStream CaptionDropoutStream = (RandomStream)101;
    private const RandomStream JointImageStream = (RandomStream)102;

    public int Count { get; } = checked((int)latents.shape[0]);

    public int JointImages => jointImages;

    public LatentBatch GetBatch(IReadOnlyList<int> indices)
    {
        var rows = tensor(indices.Select(i => (long)i).ToArray());
        var clips = latents.index_select(0, rows);
        if (jointImages > 0) clips = cat([clips, JointFrames(indices.Count)], dim: 2);
        return new LatentBatch(clips, model.EncodePrompts(CaptionsFor(indices)));
    }

    private string[] CaptionsFor(IReadOnlyList<int> indices)
    {
        using var generator = new Generator(SeedMixer.Mix(seed, CaptionDropoutStream, step()));
        using var draws = rand([indices.Count], generator: generator);
        var u = draws.data<float>().ToArray();
        return indices.Select((index, row) => u[row] < captionDropout ? string.Empty : captions[index]).ToArray();
    }

    /// <summary>[B, C, J, h, w]: independent frames drawn from random clips and positions.</summary>
    private Tensor JointFrames(int batch)
    {
        using var generator = new Generator(SeedMixer.Mix(seed, JointImageStream, step()));
        var frames = latents.shape[2];
        using var clipDraws = randint(0, Count, [batch * jointImages], generator: generator);
        using var frameDraws = randint(0, frames, [batch * jointImages], generator: generator);
        var clipIndex = clipDraws.data<long>().ToArray();
        var frameIndex = frameDraws.data<long>().ToArray();
        var picked = new List<Tensor>(batch * jointImages);
        for (var i = 0; i < clipIndex.Length; i++)
            picked.Add(latents.select(0, clipIndex[i]).slice(1, frameIndex[i], frameIndex[i] + 1, 1)); // [C, 1, h, w]
        var shape = latents.shape;
        return stack(picked).reshape(batch, jointImages, shape[1], shape[3], shape[4]).permute(0, 2, 1, 3, 4);
    }
}
