namespace MedVid.Diffusion.Sampling;

/// <summary>
/// Projected guidance at one timestep (<see cref="ClassifierFreeGuidance"/>): the weight η of the update's part parallel
/// to the conditional x̂0 (1: plain guidance, 0: only the orthogonal part) and the coefficients that turn the denoiser's
/// output into x̂0 at that timestep.
/// </summary>
public readonly record struct GuidanceProjection(double ParallelWeight, OutputCoefficients Coefficients)
{
    /// <summary>Validates η: guidance may drop the parallel part or keep it, not invert or amplify it.</summary>
    public static double CheckWeight(double parallelWeight) => parallelWeight is >= 0 and <= 1
        ? parallelWeight
        : throw new ArgumentOutOfRangeException(nameof(parallelWeight), parallelWeight, "the guidance's parallel weight is between 0 and 1");
}
