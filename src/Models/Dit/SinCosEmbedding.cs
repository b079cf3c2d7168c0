using static TorchSharp.torch;

namespace MedVid.Models.Dit;

/// <summary>
/// Fixed sine-cosine position tables (MAE / DiT / Open-Sora): no parameters, so a model trained
/// at one latent size still runs at another.
/// </summary>
public static class SinCosEmbedding
{
    /// <summary>[positions, dim]: first half sin(p·ω_k), second half cos(p·ω_k), ω_k = 10000^(−k/(dim/2)).</summary>
    public static float[] Table1d(int positions, int dim)
    {
        var half = dim / 2;
        var table = new float[positions * dim];
        for (var p = 0; p < positions; p++)
            for (var k = 0; k < half; k++)
            {
                var angle = p / Math.Pow(10000, (double)k / half);
                table[p * dim + k] = (float)Math.Sin(angle);
                table[p * dim + half + k] = (float)Math.Cos(angle);
            }
        return table;
    }

    /// <summary>
    /// [rows·cols, dim] for a row-major grid: the first half of the width encodes the column, the
    /// second half the row, each with <see cref="Table1d"/> at dim/2.
    /// </summary>
    public static Tensor Spatial(int rows, int cols, int dim, Device? device = null)
    {
        var half = dim / 2;
        var byCol = Table1d(cols, half);
        var byRow = Table1d(rows, half);
        var table = new float[rows * cols * dim];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < cols; c++)
            {
                var offset = (r * cols + c) * dim;
                Array.Copy(byCol, c * half, table, offset, half);
                Array.Copy(byRow, r * half, table, offset + half, half);
            }
        return tensor(table, [rows * cols, dim], device: device);
    }

    /// <summary>[frames, dim].</summary>
    public static Tensor Temporal(int frames, int dim, Device? device = null) =>
        tensor(Table1d(frames, dim), [frames, dim], device: device);

    /// <summary>
    /// Diffusion timesteps [B] (any numeric dtype) as [B, dim] features [cos(t·ω), sin(t·ω)] with
    /// ω_k = 10000^(−k/(dim/2)), the layout of DiT's TimestepEmbedder.
    /// </summary>
    public static Tensor Timesteps(Tensor timesteps, int dim)
    {
        var half = dim / 2;
        var frequencies = new float[half];
        for (var k = 0; k < half; k++) frequencies[k] = (float)Math.Exp(-Math.Log(10000) * k / half);
        using var scope = NewDisposeScope();
        var omega = tensor(frequencies, [1, half], device: timesteps.device);
        var args = timesteps.to(float32).unsqueeze(1) * omega;
        return cat([args.cos(), args.sin()], 1).MoveToOuterDisposeScope();
    }
}
