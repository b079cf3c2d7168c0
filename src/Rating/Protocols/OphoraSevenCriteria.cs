namespace MedVid.Rating.Protocols;

/// <summary>
/// Ophora's ophthalmologist feedback (Ophora, "Ophthalmologist Feedback"): seven criteria, each scored 0 to 3, where the
/// score is the share of realism: 0 = 0%-10%, 1 = 10%-50%, 2 = 50%-90%, 3 = 90%-100%.
/// </summary>
public static class OphoraSevenCriteria
{
    public const string Id = "ophora-seven-criteria";

    public static readonly IReadOnlyList<RatingLevel> RealismLevels =
    [
        new(0, "0", "0: 0%-10% realism", "The aspect is realistic in at most 10% of the video."),
        new(1, "1", "1: 10%-50% realism", "The aspect is realistic in 10% to 50% of the video."),
        new(2, "2", "2: 50%-90% realism", "The aspect is realistic in 50% to 90% of the video."),
        new(3, "3", "3: 90%-100% realism", "The aspect is realistic in 90% to 100% of the video."),
    ];

    public static readonly RatingProtocol Protocol = new(
        Id,
        "Ophora seven criteria (0-3)",
        "Ophora: ophthalmologist feedback on generated surgical videos",
        ItemShape.SingleVideo,
        [
            Criterion("phase-matching", "Phase matching", "The consistency between the generated video and the corresponding phase label."),
            Criterion("phase-completeness", "Phase completeness", "Whether the video presents a complete phase."),
            Criterion("construction-realism", "Construction realism", "The authenticity of the anatomical structures or instruments."),
            Criterion("construction-stability", "Construction stability",
                "Whether the anatomical structures or instruments undergo unrealistic deformations (3 = none)."),
            Criterion("action-realism", "Action realism", "The consistency between the surgical actions in the video and actual procedures."),
            Criterion("action-logic", "Action logic", "The consistency of the sequential order of surgical actions with actual orders."),
            Criterion("action-effectiveness", "Action effectiveness",
                "The realism of the deformation effects on the corresponding tissues caused by surgical actions."),
        ],
        RequiredRatersPerItem: null,
        "Score each criterion from 0 to 3 by how much of the video is realistic in that respect. The label shown with the video is the surgical phase it should depict.");

    private static RatingCriterion Criterion(string id, string name, string description) => new(id, name, description, ScaleKind.Ordinal, RealismLevels);
}
