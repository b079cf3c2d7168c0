namespace MedVid.Rating.Statistics;

/// <summary>
/// Everything computed from a campaign's ratings. Lists that do not apply to the protocol are empty. Gold items count in
/// <see cref="ItemCount"/>, <see cref="RatingCount"/> and <see cref="CompleteItemCount"/>, feed <see cref="Reliability"/>
/// only, and are left out of every other list.
/// </summary>
public sealed record CampaignResults(
    string ProtocolId,
    int ItemCount,
    int RatingCount,
    int CompleteItemCount,
    IReadOnlyList<CriterionMean> Means,
    IReadOnlyList<PairwiseTally> Pairwise,
    IReadOnlyList<AcceptanceTally> Acceptance,
    IReadOnlyList<PairAgreement> CohenKappas,
    IReadOnlyList<GroupAgreement> FleissKappas,
    StatisticsMethods Methods,
    int GoldItemCount,
    IReadOnlyList<SystemRanking> Rankings,
    IReadOnlyList<RaterReliability> Reliability);

/// <summary>The choices behind the numbers, spelled out in every result so a reader need not look them up.</summary>
public sealed record StatisticsMethods(string ConfidenceInterval, string CohenKappa, string FleissKappa, string Acceptance, string Ranking, string Reliability);

/// <summary>
/// Mean score of a criterion for a group: per system (<see cref="Label"/> null), per label (<see cref="System"/> null)
/// or per system and label. <see cref="Items"/> is the n of the interval (item means); <see cref="Ratings"/> the raw count.
/// </summary>
public sealed record CriterionMean(
    string? System, string? Label, string Criterion, int Items, int Ratings, double Mean, double? StandardDeviation, double? Lower, double? Upper);

/// <summary>
/// Pairwise judgements between two systems on one criterion, <see cref="SystemA"/> ordered before <see cref="SystemB"/>.
/// Rates are shares of all judgements of the pair, so WinRateA + WinRateB + TieRate + BothLoseRate = 1.
/// </summary>
public sealed record PairwiseTally(
    string SystemA, string SystemB, string Criterion, int Judgements, int WinsA, int WinsB, int Ties, int BothLose,
    double WinRateA, double WinRateB, double TieRate, double BothLoseRate);

/// <summary>Two-of-three acceptance of one system's videos (<see cref="System"/> null: all videos). Rate = accepted / decided.</summary>
public sealed record AcceptanceTally(string? System, int Items, int Accepted, int Rejected, int Pending, double? AcceptanceRate);

/// <summary>
/// Cohen's kappa of two raters on one criterion ("*": all criteria pooled), over the items both rated.
/// <see cref="Kappa"/> uses <see cref="Weighting"/>; <see cref="UnweightedKappa"/> is always the plain kappa, for
/// comparison with papers that report it. Null kappas are undefined (no shared items, or no variation).
/// </summary>
public sealed record PairAgreement(
    string RaterA, string RaterB, string Criterion, int Items, string Weighting, double? Kappa, double? UnweightedKappa, double ObservedAgreement);

/// <summary>Fleiss' kappa on one criterion ("*": pooled) over the items rated by exactly <see cref="RatersPerItem"/> raters.</summary>
public sealed record GroupAgreement(string Criterion, int Items, int RatersPerItem, double? Kappa);
