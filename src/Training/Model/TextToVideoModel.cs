using MedVid.Diffusion;
using MedVid.Models.Dit;
using MedVid.Models.Text;
using MedVid.Models.Vae;
using static TorchSharp.torch;

namespace MedVid.Training.Model;

/// <summary>
/// The whole text-to-video model as one module, so one state dict is one checkpoint: "vae" (per-frame KL autoencoder,
/// frozen during diffusion training), "text" (the caption encoder, trained jointly) and "dit" (the spatial-temporal
/// denoiser). It is the <see cref="IDenoiser"/> the diffusion trainer and samplers drive.
/// </summary>
public sealed class TextToVideoModel : nn.Module, IDenoiser
{
    public TextToVideoModel(ModelSize size, CaptionTokenizer tokenizer, Generator? generator = null) : base(nameof(TextToVideoModel))
    {
        Size = size;
        vae = new AutoencoderKL(size.Vae, generator: generator);
        text = new TransformerTextEncoder(tokenizer, size.Text, generator);
        dit = new SpatialTemporalDit(size.Dit with { TextDim = size.Text.Dim }, generator);
        register_module(nameof(vae), vae);
        register_module(nameof(text), text);
        register_module(nameof(dit), dit);
    }

    public ModelSize Size { get; }

    /// <summary>What <see cref="Predict"/> outputs (ε or v); samplers and the probe convert with it.</summary>
    public PredictionType Prediction { get; init; } = PredictionType.Epsilon;

    /// <summary>The noise schedule the model was trained on, which sampling uses too.</summary>
    public NoiseScheduleConfig Schedule { get; init; } = new();

    public readonly AutoencoderKL vae;

    public readonly TransformerTextEncoder text;

    public readonly SpatialTemporalDit dit;

    /// <summary>Where the weights live.</summary>
    public Device Device => dit.final_layer.parameters().First().device;

    /// <summary>Pixel side → latent side (the VAE's 8x compression).</summary>
    public int LatentSide(int pixels) => pixels / vae.Config.SpatialCompression;

    public Tensor Predict(Tensor noisy, Tensor timesteps, Conditioning conditioning) =>
        dit.forward(noisy, timesteps, conditioning.Tokens, conditioning.Mask);

    /// <summary>Encodes prompts; inside a training step this keeps the graph, so the text encoder learns with the DiT.</summary>
    public Conditioning EncodePrompts(IReadOnlyList<string> prompts)
    {
        var encoded = text.Encode(prompts);
        return new Conditioning(encoded.Embeddings, encoded.Mask);
    }
}
