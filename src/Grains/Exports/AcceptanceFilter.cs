using MedVid.Rating.Protocols;

namespace MedVid.Grains.Exports;

/// <summary>
/// Keeps only the videos raters accepted: by a MedGen distortion campaign's two-of-three acceptance rule, or with an
/// Ophora seven-criteria mean of at least <paramref name="MinimumMean"/> (0 to 3). A filtered run opens a rating
/// campaign over all its videos for <paramref name="Raters"/> (team members), <paramref name="RatersPerItem"/> per video
/// (MedGen: 3; Ophora: 1 unless given), waits until every video is decided or the campaign is closed, and packages the
/// accepted ones; each video's outcome is written into the manifest.
/// </summary>
public sealed record AcceptanceFilter(string Protocol, double? MinimumMean = null, IReadOnlyList<Guid>? Raters = null, int? RatersPerItem = null)
{
    public static readonly IReadOnlyList<string> Protocols = [MedGenDistortion.Id, OphoraSevenCriteria.Id];

    public int EffectiveRatersPerItem => Protocol == MedGenDistortion.Id ? MedGenDistortion.RatersPerItem : RatersPerItem ?? 1;

    public IEnumerable<string> Problems()
    {
        if (Protocol == OphoraSevenCriteria.Id)
        {
            if (MinimumMean is not { } mean || !double.IsFinite(mean) || mean is < 0 or > 3)
                yield return "filter.minimumMean must be between 0 and 3 for the Ophora seven-criteria filter.";
        }
        else if (Protocol == MedGenDistortion.Id)
        {
            if (MinimumMean is not null) yield return "filter.minimumMean applies to the Ophora filter only; MedGen's distortion rating accepts by two of three raters.";
            if (RatersPerItem is not null and not MedGenDistortion.RatersPerItem) yield return "filter.ratersPerItem is 3 for MedGen's distortion rating (two of three accept).";
        }
        else
        {
            yield return $"Unknown filter.protocol '{Protocol}'; known: {string.Join(", ", Protocols)}.";
            yield break;
        }
        if (Raters is null || Raters.Count == 0 || Raters.Contains(Guid.Empty) || Raters.Distinct().Count() != Raters.Count)
            yield return "filter.raters must list the distinct user ids of the team's raters who rate the videos.";
        else if (EffectiveRatersPerItem < 1 || EffectiveRatersPerItem > Raters.Count)
            yield return $"filter.ratersPerItem must be between 1 and the number of raters ({Raters.Count}); MedGen's rule needs 3 raters.";
    }
}
