using MedVid.Rating.Protocols;

namespace MedVid.Grains.Exports;

/// <summary>
/// Keeps only the videos raters accepted: by a MedGen distortion campaign's two-of-three acceptance rule, or with an
/// Ophora seven-criteria mean of at least <paramref name="MinimumMean"/> (0 to 3). The outcome of each video is
/// written into the manifest.
/// </summary>
public sealed record AcceptanceFilter(string Protocol, double? MinimumMean = null)
{
    public static readonly IReadOnlyList<string> Protocols = [MedGenDistortion.Id, OphoraSevenCriteria.Id];

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
        }
        else
        {
            yield return $"Unknown filter.protocol '{Protocol}'; known: {string.Join(", ", Protocols)}.";
        }
    }
}
