namespace MedVid.Rating.Protocols;

/// <summary>
/// MedGen's distortion assessment (MedGen appendix A.3, Table 7): each video gets one of four distortion levels from three
/// independent evaluators. A video is acceptable when at least two of the three rated it "no" or "minor" distortion, and
/// unacceptable when two rated it "moderate" or "severe".
/// </summary>
public static class MedGenDistortion
{
    public const string Id = "medgen-distortion";
    public const string CriterionId = "distortion";
    public const int RatersPerItem = 3;

    /// <summary>The highest level that still counts as acceptable ("minor").</summary>
    public const int MaxAcceptableLevel = 1;

    public static readonly IReadOnlyList<RatingLevel> Levels =
    [
        new(0, "none", "No distortion", "No deformation was observed, and the image is fully intact."),
        new(1, "minor", "Minor distortion",
            "The distortion is not significant or is only a slight local deformation. Overall, the original form of the characters, objects, or scenes can still be recognized, and viewers will not experience noticeable discomfort or disturbance."),
        new(2, "moderate", "Moderate distortion",
            "The shape of the characters or objects may deviate significantly, and certain details in the image may become blurred or distorted. The distortion may affect the recognizability of some scenes, but it will not disappear entirely."),
        new(3, "severe", "Severe distortion",
            "The shape of the characters or scenes undergoes extreme distortion, with effects such as unrecognizable twisting, compression, stretching, or even complete distortion to the point of being unidentifiable."),
    ];

    public static readonly RatingProtocol Protocol = new(
        Id,
        "MedGen distortion levels",
        "MedGen: distortion assessment by three evaluators (two-of-three acceptance)",
        ItemShape.SingleVideo,
        [new(CriterionId, "Distortion", "How strongly the shapes in the video are deformed.", ScaleKind.Ordinal, Levels)],
        RequiredRatersPerItem: RatersPerItem,
        "Assign the distortion level that best describes the video.");
}

public enum AcceptanceDecision
{
    /// <summary>Fewer than two of the ratings so far agree on either side.</summary>
    Pending,
    Accepted,
    Rejected,
}

/// <summary>The two-of-three rule on the levels given to one video.</summary>
public static class TwoOfThreeRule
{
    public static AcceptanceDecision Decide(IReadOnlyCollection<int> levels)
    {
        if (levels.Count > MedGenDistortion.RatersPerItem)
            throw new ArgumentException($"The two-of-three rule takes at most {MedGenDistortion.RatersPerItem} ratings, not {levels.Count}.", nameof(levels));
        var acceptable = levels.Count(l => l <= MedGenDistortion.MaxAcceptableLevel);
        var unacceptable = levels.Count - acceptable;
        return acceptable >= 2 ? AcceptanceDecision.Accepted : unacceptable >= 2 ? AcceptanceDecision.Rejected : AcceptanceDecision.Pending;
    }
}
