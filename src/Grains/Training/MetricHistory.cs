using MedVid.Contracts.Training;

namespace MedVid.Grains.Training;

/// <summary>One reported point of a run's curves.</summary>
public sealed record MetricPoint(long Step, DateTimeOffset At, IReadOnlyDictionary<string, double> Values);

/// <summary>
/// A run's metric curves, bounded: when <see cref="Capacity"/> points are stored every other point is dropped (the
/// first and the latest always stay), so a million-step run keeps its curve in a few hundred KB of state; older
/// stretches end up sparser than recent ones, which is what a live chart needs.
/// </summary>
public static class MetricHistory
{
    public const int Capacity = 1000;

    public static void Append(List<MetricPoint> points, MetricPoint point)
    {
        // A repeated or reordered progress message. Steps count per stage (a run's VAE stage, then its diffusion stage
        // from step 1 again), so only points of the same stage are compared.
        var lastOfStage = points.LastOrDefault(p => StageOf(p) == StageOf(point));
        if (lastOfStage is not null && point.Step <= lastOfStage.Step) return;
        points.Add(point);
        if (points.Count < Capacity) return;
        var thinned = points.Where((_, i) => i % 2 == 0 || i == points.Count - 1).ToList();
        points.Clear();
        points.AddRange(thinned);
    }

    private static string StageOf(MetricPoint point) => TrainingProgress.StageOf(point.Values);
}
