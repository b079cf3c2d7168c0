namespace MedVid.Rating.Protocols;

/// <summary>
/// The outcome of a pairwise judgement in the item's own terms (video A is the item's first video), independent of
/// which side the rater saw it on. Stored as the level value.
/// </summary>
public enum PairOutcome
{
    AWins = 0,
    BWins = 1,
    Tie = 2,
    BothLose = 3,
}

/// <summary>
/// MedGen's blind pairwise comparison (MedGen, human evaluation and appendix A.3): two videos of the same prompt from two
/// models, shown anonymously; for each of text alignment, medical accuracy and visual quality the doctor picks the better
/// one, or "both lose" when neither is satisfactory. MedVid adds "tie" (both equally good), which the paper does not offer.
/// </summary>
public static class MedGenPairwise
{
    public const string Id = "medgen-pairwise";

    /// <summary>What the rater chooses between, in screen terms. The grain turns left/right into A/B per rater.</summary>
    public static readonly IReadOnlyList<RatingLevel> Choices =
    [
        new((int)PairOutcome.AWins, "left", "Left is better", "The video on the left performs better on this criterion."),
        new((int)PairOutcome.BWins, "right", "Right is better", "The video on the right performs better on this criterion."),
        new((int)PairOutcome.Tie, "tie", "Tie", "Both videos perform equally well on this criterion."),
        new((int)PairOutcome.BothLose, "both-lose", "Both lose", "Neither video performs satisfactorily on this criterion."),
    ];

    public static readonly RatingProtocol Protocol = new(
        Id,
        "MedGen blind pairwise comparison",
        "MedGen: doctors' anonymous comparison of two models on the same prompt",
        ItemShape.Pair,
        [
            new("text-alignment", "Text alignment", "Which video better follows the text prompt.", ScaleKind.Nominal, Choices),
            new("medical-accuracy", "Medical accuracy", "Which video is medically more accurate.", ScaleKind.Nominal, Choices),
            new("visual-quality", "Visual quality", "Which video has the better visual quality.", ScaleKind.Nominal, Choices),
        ],
        RequiredRatersPerItem: null,
        "Two videos made from the same prompt are shown in random order. For each criterion choose the better one, tie, or both lose if neither is satisfactory.");

    /// <summary>Turns a choice made on screen into the item's terms: with swapped sides the left video is B.</summary>
    public static PairOutcome FromScreen(int screenValue, bool swapped) => (PairOutcome)screenValue switch
    {
        PairOutcome.AWins => swapped ? PairOutcome.BWins : PairOutcome.AWins,
        PairOutcome.BWins => swapped ? PairOutcome.AWins : PairOutcome.BWins,
        var other => other,
    };

    /// <summary>The inverse of <see cref="FromScreen"/> (the same mapping: swapping twice is the identity).</summary>
    public static int ToScreen(PairOutcome outcome, bool swapped) => (int)FromScreen((int)outcome, swapped);
}
