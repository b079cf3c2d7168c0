namespace MedVid.Curation.Stages;

/// <summary>Finds cut frames from per-frame content scores (<see cref="ContentScores"/>).
/// A cut at frame i means frame i starts a new scene.</summary>
public interface ISceneDetector
{
    IReadOnlyList<int> DetectCuts(IReadOnlyList<double> scores);
}
