using MedVid.Contracts.Training;
using MedVid.Models.Dit;
using MedVid.Models.Text;
using MedVid.Models.Vae;

namespace MedVid.Training.Model;

/// <summary>The three parts of one named model size.</summary>
public sealed record ModelSize(string Name, VaeConfig Vae, TextEncoderConfig Text, DitConfig Dit)
{
    /// <summary>
    /// The same size with or without the pooled-text adaLN path (<see cref="DitConfig.PooledText"/>), the numbers'
    /// values in the text encoder (<see cref="TextEncoderConfig.NumberValues"/>) and their digits' own embeddings
    /// (<see cref="TextEncoderConfig.NumberDigits"/>).
    /// </summary>
    public ModelSize WithTextPaths(bool pooled, bool numberValues, bool numberDigits = true) =>
        this with { Dit = Dit with { PooledText = pooled }, Text = Text with { NumberValues = numberValues, NumberDigits = numberDigits } };
}

/// <summary>
/// Named sizes of the whole text-to-video model. The DiT sizes are the Models library's; the text encoder's width is the
/// DiT's TextDim except for "xl", whose STDiT-XL widths assume T5-XXL's 4096: our jointly trained encoder is 1024 wide
/// there and the DiT's caption projection takes 1024 (a pretrained T5 would restore 4096, docs/models.md).
/// </summary>
public static class ModelSizes
{
    /// <summary>A VAE small enough for CPU runs of the "small" size.</summary>
    private static readonly VaeConfig CompactVae = new([32, 64, 64, 64], ResBlocksPerLevel: 1, Groups: 8);

    public static readonly IReadOnlyList<ModelSize> All =
    [
        new(TrainingVocabulary.Tiny, VaeConfig.Tiny, TextEncoderConfig.Tiny with { MaxLength = 48 }, DitSizes.Tiny), // phantom captions run to ~40 tokens
        new(TrainingVocabulary.Tiny4x, VaeConfig.Tiny4x, TextEncoderConfig.Tiny with { MaxLength = 48 }, DitSizes.Tiny4x), // 64-px phantoms: keeps the cells
        new(TrainingVocabulary.Mini4x, VaeConfig.Tiny4x, TextEncoderConfig.Tiny with { MaxLength = 48 }, DitSizes.Mini4x), // the same VAE and text encoder, a larger DiT
        new(TrainingVocabulary.Small, CompactVae, TextEncoderConfig.Default, DitSizes.Small),
        new(TrainingVocabulary.MedSoraS, VaeConfig.Default, TextEncoderConfig.Default with { Dim = 512, Heads = 8 }, DitSizes.MedSoraS),
        new(TrainingVocabulary.Xl, VaeConfig.Default, new TextEncoderConfig(Dim: 1024, Depth: 6, Heads: 16, MaxLength: 120), DitSizes.XL with { TextDim = 1024 }),
    ];

    public static ModelSize Get(string name) =>
        All.FirstOrDefault(s => s.Name == name)
        ?? throw new ArgumentException($"Unknown model size '{name}'; known: {string.Join(", ", All.Select(s => s.Name))}.", nameof(name));
}
