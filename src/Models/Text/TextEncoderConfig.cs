namespace MedVid.Models.Text;

/// <summary>Sizes of the jointly trained caption encoder (vocabulary size comes from the tokenizer).</summary>
public sealed record TextEncoderConfig(int Dim, int Depth, int Heads, int MaxLength, double MlpRatio = 4.0)
{
    /// <summary>Whether each number's value is added to its digit tokens (<see cref="NumberEmbedding"/>).</summary>
    public bool NumberValues { get; init; }

    public static readonly TextEncoderConfig Tiny = new(Dim: 32, Depth: 2, Heads: 4, MaxLength: 16);

    /// <summary>Bora-style captions ("This is a {modality} video." plus a description) fit in 64 tokens.</summary>
    public static readonly TextEncoderConfig Default = new(Dim: 256, Depth: 4, Heads: 4, MaxLength: 64);

    public int MlpHidden => (int)(Dim * MlpRatio);
}
