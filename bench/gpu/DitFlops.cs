using MedVid.Models.Dit;

namespace MedVid.GpuBench;

/// <summary>
/// Analytic model FLOPs of one DiT training step, for MFU. Matrix multiplies only (biases, norms and element-wise
/// work are left out, as MFU conventionally does): a weight of n elements costs 2n FLOPs per token it acts on in the
/// forward pass and twice that in the backward pass, 6n in all, counted on the tokens each weight really sees
/// (video tokens, caption tokens, or once per sample). Attention adds, per block and video token, QKᵀ and AV
/// against each context it attends to: 4·hidden·context forward, 12·hidden·context with the backward, where the
/// contexts are the frame's tokens (spatial), the frames (temporal) and the caption tokens (cross).
/// </summary>
internal static class DitFlops
{
    /// <summary>Weight elements acting on every video token, on every caption token, and once per sample.</summary>
    public static (long PerVideoToken, long PerCaptionToken, long PerSample) Weights(DitConfig c)
    {
        long h = c.Hidden, m = c.MlpHidden;
        var block = h * 3 * h + h * h      // spatial attention qkv, proj
                  + h * 3 * h + h * h      // temporal attention qkv, proj
                  + h * h + h * h          // cross-attention q, proj
                  + h * m + m * h;         // MLP
        var perVideoToken = (long)c.InChannels * c.PatchVolume * h + c.Depth * block + h * c.OutputPerToken;
        var perCaptionToken = c.TextDim * h + h * h + c.Depth * (h * 2 * h); // caption projection, cross-attention kv
        var perSample = (long)c.FrequencyDim * h + h * h + h * 6 * h         // timestep MLP, adaLN-single
                      + (c.PooledText ? c.TextDim * h + h * h : 0);          // pooled-text projection
        return (perVideoToken, perCaptionToken, perSample);
    }

    public static double TrainingStep(DitConfig c, BatchShape shape)
    {
        var (video, caption, sample) = Weights(c);
        double videoTokens = shape.VideoTokensPerSample(c);
        double framesPerSample = shape.Frames / c.PatchT;
        var tokensPerFrame = videoTokens / framesPerSample;
        var matmul = 6.0 * (video * videoTokens + caption * (double)shape.Text + sample);
        var attention = 12.0 * c.Depth * c.Hidden * videoTokens * (tokensPerFrame + framesPerSample + shape.Text);
        return shape.Batch * (matmul + attention);
    }
}
