namespace MedVid.Models.Text;

/// <summary>Sizes of the jointly trained caption encoder (vocabulary size comes from the tokenizer).</summary>
public sealed record TextEncoderConfig(int Dim, int Depth, int Heads, int MaxLength, double MlpRatio = 4.0)
{
    /// <summary>Whether each number's value is added to its digit tokens (<see cref="NumberEmbedding"/>).</summary>
    public bool NumberValues { get; init; }

    /// <summary>
    /// Whether a number's digit tokens keep their own embeddings. Without them (xVal's single number token) every digit
    /// embeds as one shared vector and the encoder reads a number only through its value (<see cref="NumberValues"/>,
    /// which this needs): "85" cannot become a name for one training clip, only a magnitude between "55" and "115".
    /// </summary>
    public bool NumberDigits { get; init; } = true;

    public static readonly TextEncoderConfig Tiny = new(Dim: 32, Depth: 2, Heads: 4, MaxLength: 16);

    /// <summary>Bora-style captions ("This is a {modality} video." plus a description) fit in 64 tokens.</summary>
    public static readonly TextEncoderConfig Default = new(Dim: 256, Depth: 4, Heads: 4, MaxLength: 64);

    public int MlpHidden => (int)(Dim * MlpRatio);
}
