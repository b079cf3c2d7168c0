using MedVid.Rating.Protocols;

namespace MedVid.Rating.Statistics;

/// <summary>
/// One judgement between two models' videos, in the item's terms (A is the item's first video). <paramref name="ItemId"/>
/// groups votes on the same pair of videos (several raters, several criteria) so the bootstrap resamples items, not
/// votes that share a video; null treats the vote as its own item.
/// </summary>
public sealed record PairwiseVote(string ModelA, string ModelB, PairOutcome Outcome, string? ItemId = null);
