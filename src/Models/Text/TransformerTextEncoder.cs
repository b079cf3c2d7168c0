using MedVid.Engine.Layers;
using TorchSharp.Modules;
using MedVid.Models.Layers;
using static TorchSharp.torch;

namespace MedVid.Models.Text;

/// <summary>
/// A small Transformer over caption tokens, trained jointly with the denoiser (its parameters are
/// part of the diffusion model's). Freeze it with <see cref="Freeze"/> (or Freezing's helpers) for
/// stages that keep it fixed; a frozen encoder runs without recording a graph.
/// </summary>
public sealed class TransformerTextEncoder : nn.Module, ITextEncoder
{
    public TransformerTextEncoder(CaptionTokenizer tokenizer, TextEncoderConfig config, Generator? generator = null) : base(nameof(TransformerTextEncoder))
    {
        if (config.Dim % config.Heads != 0) throw new ArgumentException($"text width {config.Dim} is not divisible by {config.Heads} heads");
        if (!config.NumberDigits && !config.NumberValues) throw new ArgumentException("an encoder without the numbers' digits must read their values (NumberValues)");
        Tokenizer = tokenizer;
        Config = config;
        token_embedding = SeededLayers.Embedding(tokenizer.VocabularySize, config.Dim, generator: generator);
        using (no_grad())
        {
            // N(0, 0.02) as GPT-2/CLIP text towers; Embedding's N(0, 1) would swamp the positions.
            token_embedding.weight!.mul_(0.02);
            position_embedding = OwnedParameter.From(randn([config.MaxLength, config.Dim], generator: generator).mul_(0.02));
        }
        layers = new ModuleList<TextEncoderLayer>();
        for (var i = 0; i < config.Depth; i++) layers.Add(new TextEncoderLayer(config, generator));
        final_norm = nn.LayerNorm(config.Dim);
        if (config.NumberValues) number_embedding = new NumberEmbedding(config.Dim);
        // Zero at first, like the value's map, and drawn from no generator: the other weights stay as a seed gives them.
        if (!config.NumberDigits) number_token = OwnedParameter.From(zeros(config.Dim));
        register_module(nameof(token_embedding), token_embedding);
        if (number_embedding is not null) register_module(nameof(number_embedding), number_embedding);
        if (number_token is not null) register_parameter(nameof(number_token), number_token);
        register_parameter(nameof(position_embedding), position_embedding);
        register_module(nameof(layers), layers);
        register_module(nameof(final_norm), final_norm);
    }

    public CaptionTokenizer Tokenizer { get; }

    public TextEncoderConfig Config { get; }

    public readonly Embedding token_embedding;

    public readonly Parameter position_embedding;

    /// <summary>The numbers' values at their digits (null unless <see cref="TextEncoderConfig.NumberValues"/>).</summary>
    public readonly NumberEmbedding? number_embedding;

    /// <summary>The one embedding of every digit token (null unless the digits are dropped, <see cref="TextEncoderConfig.NumberDigits"/>).</summary>
    public readonly Parameter? number_token;

    public readonly ModuleList<TextEncoderLayer> layers;

    public readonly LayerNorm final_norm;

    public int Dim => Config.Dim;

    public int MaxLength => Config.MaxLength;

    public bool IsFrozen => parameters().All(p => !p.requires_grad);

    public void Freeze()
    {
        this.requires_grad_(false);
        eval();
    }

    public void Unfreeze()
    {
        this.requires_grad_(true);
        train();
    }

    /// <param name="ids">[B, L] int64 token ids, L ≤ MaxLength.</param>
    /// <param name="mask">[B, L] bool, true at real tokens.</param>
    /// <param name="numbers">[B, L] float, each token's number value or NaN (<see cref="CaptionTokenizer.NumberValues"/>); used only with <see cref="number_embedding"/>.</param>
    /// <returns>[B, L, Dim], zero at padded positions.</returns>
    public Tensor forward(Tensor ids, Tensor mask, Tensor? numbers = null)
    {
        var length = ids.shape[1];
        if (length > MaxLength) throw new ArgumentException($"{length} tokens exceed the encoder's {MaxLength}");
        if (number_embedding is not null && numbers is null) throw new ArgumentException("this encoder reads number values: pass them with the token ids");
        using var scope = NewDisposeScope();
        var tokens = token_embedding.forward(ids);
        if (number_token is not null) tokens = where(numbers!.isnan().unsqueeze(-1), tokens, number_token.to(tokens.dtype));
        var x = tokens + position_embedding.slice(0, 0, length, 1).unsqueeze(0);
        if (number_embedding is not null) x = x + number_embedding.forward(numbers!.to(x.dtype));
        foreach (var layer in layers) x = layer.forward(x, mask);
        var keep = mask.unsqueeze(2).to(x.dtype);
        return (final_norm.forward(x) * keep).MoveToOuterDisposeScope();
    }

    public TextConditioning Encode(IReadOnlyList<string> prompts)
    {
        var device = position_embedding.device;
        var (ids, mask) = Tokenizer.EncodeBatch(prompts, MaxLength, device);
        using var numbers = number_embedding is null ? null : NumberValues(prompts, device);
        using var gradMode = IsFrozen ? no_grad() : null;
        using var scope = NewDisposeScope();
        var embeddings = forward(ids, mask, numbers).MoveToOuterDisposeScope();
        ids.Dispose();
        return new TextConditioning(embeddings, mask);
    }

    private Tensor NumberValues(IReadOnlyList<string> prompts, Device device)
    {
        var values = prompts.SelectMany(p => CaptionTokenizer.NumberValues(p, MaxLength)).ToArray();
        return tensor(values, [prompts.Count, MaxLength], device: device);
    }

    public TextConditioning EncodeEmpty(int batch) => Encode(Enumerable.Repeat(string.Empty, batch).ToArray());
}
