using System.Text.Json.Serialization;

namespace MedVid.Diffusion;

/// <summary>
/// What the denoising network outputs (diffusers' prediction_type). Written as "epsilon" / "v" in JSON; a checkpoint
/// written before the field existed reads as <see cref="Epsilon"/>.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<PredictionType>))]
public enum PredictionType
{
    /// <summary>The noise ε (DDPM). Its loss spends little on high noise, where √ᾱ·x0 hides under the noise.</summary>
    [JsonStringEnumMemberName("epsilon")]
    Epsilon,

    /// <summary>
    /// The velocity v = √ᾱ ε − √(1 − ᾱ) x0 (Salimans and Ho 2022). Its loss is the ε loss × 1/ᾱ, well scaled at every
    /// noise level, and it stays defined at ᾱ = 0, which a zero-terminal-SNR schedule needs.
    /// </summary>
    [JsonStringEnumMemberName("v")]
    V,
}
