namespace MedVid.Models.Text;

/// <summary>
/// Turns prompts into the token embeddings the DiT cross-attends to. Implemented by the jointly
/// trained <see cref="TransformerTextEncoder"/>; a pretrained T5 encoder loaded from safetensors
/// can implement it too (docs/models.md), since the DiT only sees [B, L, Dim] and a mask.
/// </summary>
public interface ITextEncoder
{
    /// <summary>Width of each token embedding (the DiT's TextDim).</summary>
    int Dim { get; }

    /// <summary>Tokens per prompt, special tokens included; longer prompts are truncated.</summary>
    int MaxLength { get; }

    /// <summary>Embeddings [B, MaxLength, Dim] and mask [B, MaxLength] (true at real tokens).</summary>
    TextConditioning Encode(IReadOnlyList<string> prompts);

    /// <summary>
    /// The unconditional input for classifier-free guidance: the empty prompt, encoded. Training
    /// drops captions to "" with some probability so that this is what the model learns as "no text".
    /// </summary>
    TextConditioning EncodeEmpty(int batch);
}
