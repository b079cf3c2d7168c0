using static TorchSharp.torch;

namespace MedVid.Models.Text;

/// <summary>
/// Text conditioning for a batch: <see cref="Embeddings"/> [B, L, D] (zero at padding) and
/// <see cref="Mask"/> bool [B, L], true at real tokens. Disposing frees both tensors.
/// </summary>
public sealed record TextConditioning(Tensor Embeddings, Tensor Mask) : IDisposable
{
    public void Dispose()
    {
        Embeddings.Dispose();
        Mask.Dispose();
    }
}
