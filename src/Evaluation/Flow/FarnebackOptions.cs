namespace MedVid.Evaluation.Flow;

/// <summary>
/// Parameters of Farnebäck's dense optical flow (G. Farnebäck, "Two-frame motion estimation based on polynomial
/// expansion", SCIA 2003), as OpenCV names them. The defaults follow OpenCV's documented example except for four
/// pyramid levels: with a scale of 0.5 that follows motions of roughly 16 x (window / 2) pixels at the coarsest level,
/// more than a generated clip moves between consecutive frames at 256 px.
/// </summary>
public sealed record FarnebackOptions(
    double PyramidScale = 0.5,
    int Levels = 4,
    int WindowSize = 15,
    int Iterations = 3,
    int PolynomialNeighbourhood = 5,
    double PolynomialSigma = 1.2)
{
    public static FarnebackOptions Default { get; } = new();
}
