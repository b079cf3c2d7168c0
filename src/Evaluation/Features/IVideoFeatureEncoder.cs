using MedVid.Evaluation.Frames;

namespace MedVid.Evaluation.Features;

/// <summary>
/// Maps a video to a fixed-length feature vector, for distribution distances and nearest-neighbour checks. The
/// <see cref="Name"/> travels with every number computed in its feature space: distances from different encoders (or
/// versions of one) are not comparable, and "FVD" is reserved for the I3D network of Unterthiner et al., which is not
/// available here.
/// </summary>
public interface IVideoFeatureEncoder
{
    /// <summary>A stable, versioned name, e.g. "pixel-statistics-v1" or "phantom-classifier@run-12/step-4000".</summary>
    string Name { get; }

    int Dimension { get; }

    double[] Encode(FrameSequence video);
}
