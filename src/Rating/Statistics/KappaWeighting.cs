namespace MedVid.Rating.Statistics;

/// <summary>
/// How disagreements count in Cohen's kappa. <see cref="None"/>: every disagreement counts fully (nominal scales).
/// <see cref="Linear"/>: a disagreement of d steps on a k-level scale counts d/(k-1) (ordinal scales: 2 vs 3 is a
/// smaller disagreement than 0 vs 3).
/// </summary>
public enum KappaWeighting
{
    None,
    Linear,
}
