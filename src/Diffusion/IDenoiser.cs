using static TorchSharp.torch;

namespace MedVid.Diffusion;

/// <summary>
/// The seam between diffusion and models: a denoising network. Given x_t [B, C, T, H, W], int64
/// timesteps [B] and text conditioning, it returns its prediction with the shape of x_t: the noise
/// ε or the velocity v, as the model was trained (<see cref="PredictionType"/>; samplers and the
/// trainer are told which). Implementations must not keep references to the inputs.
/// </summary>
public interface IDenoiser
{
    Tensor Predict(Tensor noisy, Tensor timesteps, Conditioning conditioning);
}

/// <summary>
/// Encoded text: token features [B, L, D] and a bool mask [B, L] that is true for real tokens.
/// The record does not own its tensors; whoever created them disposes them.
/// </summary>
public sealed record Conditioning(Tensor Tokens, Tensor Mask)
{
    public long BatchSize => Tokens.shape[0];

    /// <summary>Both tensors on <paramref name="device"/> (aliases when already there).</summary>
    public Conditioning To(Device device) => new(Tokens.to(device), Mask.to(device));

    /// <summary>The same conditioning repeated to <paramref name="batch"/> rows when it has one row (a null caption).</summary>
    public Conditioning ExpandTo(long batch)
    {
        var shape = Tokens.shape;
        if (shape[0] == batch) return this;
        if (shape[0] != 1) throw new ArgumentException($"conditioning has {shape[0]} rows, cannot broadcast to {batch}");
        return new Conditioning(Tokens.expand(batch, shape[1], shape[2]), Mask.expand(batch, shape[1]));
    }

    /// <summary>Rows of this conditioning followed by rows of <paramref name="other"/> (for one batched CFG forward).</summary>
    public Conditioning Concat(Conditioning other)
    {
        CheckSameLayout(other);
        return new Conditioning(cat([Tokens, other.Tokens]), cat([Mask, other.Mask]));
    }

    /// <summary>
    /// Per row, <paramref name="replacement"/> where <paramref name="useReplacement"/> (bool [B]) is
    /// true, else this row: caption dropout swaps dropped captions for the null caption.
    /// </summary>
    public Conditioning ReplaceRows(Tensor useReplacement, Conditioning replacement)
    {
        CheckSameLayout(replacement);
        var batch = BatchSize;
        var other = replacement.ExpandTo(batch);
        var rows = useReplacement.to(Tokens.device);
        return new Conditioning(
            where(rows.reshape(batch, 1, 1), other.Tokens, Tokens),
            where(rows.reshape(batch, 1).to(Mask.device), other.Mask, Mask));
    }

    private void CheckSameLayout(Conditioning other)
    {
        var a = Tokens.shape;
        var b = other.Tokens.shape;
        if (a.Length != 3 || b.Length != 3 || a[1] != b[1] || a[2] != b[2])
            throw new ArgumentException(
                $"conditionings must share [L, D]: [{string.Join(", ", a)}] vs [{string.Join(", ", b)}]; encode the null caption with the same padded length");
    }
}
