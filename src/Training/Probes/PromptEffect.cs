namespace MedVid.Training.Probes;

/// <summary>
/// How much the text changes a model's predicted noise, relative to its size (0: the text is ignored).
/// <see cref="BetweenModalities"/>: between captions of different modalities (null when the data has one modality).
/// <see cref="VersusEmpty"/>: between each caption and the empty prompt, which is what classifier-free guidance amplifies.
/// Both compare predicted noise at t = 250–750. <see cref="HighNoiseBetweenModalities"/> compares the predicted clean
/// latents x̂0 between modalities at t = 950, where sampling settles a clip's global look: there ε̂ hardly depends on the
/// prompt even for a model that follows it (Δε̂ = √ᾱ/√(1 − ᾱ)·Δx̂0), so x̂0 is the measure that shows it (null as above).
/// <see cref="StatedValue"/>: at t = 250–750 between each of those captions and the same caption with its first number
/// doubled (<see cref="StatedNumber"/>): whether the model reads a stated heart rate or count (null when no caption states one).
/// </summary>
public sealed record PromptEffect(double? BetweenModalities, double VersusEmpty, double? HighNoiseBetweenModalities = null, double? StatedValue = null);
