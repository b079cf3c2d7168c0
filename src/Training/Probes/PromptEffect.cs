namespace MedVid.Training.Probes;

/// <summary>
/// How much the text changes a model's predicted noise, relative to its size (0: the text is ignored).
/// <see cref="BetweenModalities"/>: between captions of different modalities (null when the data has one modality).
/// <see cref="VersusEmpty"/>: between each caption and the empty prompt, which is what classifier-free guidance amplifies.
/// </summary>
public sealed record PromptEffect(double? BetweenModalities, double VersusEmpty);
