using System.Globalization;
using MedVid.Curation.Config;
using MedVid.Curation.Clips;

namespace MedVid.Curation.Stages;

/// <summary>Bora's modality balancing. Cap: the smallest modality is the benchmark and each
/// modality keeps at most MaxRatioToSmallest times its count; which clips stay is a stable hash
/// of the clip id, and the cap takes clips from as many sources as possible (round-robin over
/// sources) so capping does not erase whole recordings. Upsample: every clip stays and gets a
/// repeat factor (metric balance.repeat) that brings its modality up to the largest one.</summary>
public sealed class ModalityBalancer(ModalityBalanceConfig config)
{
    public IReadOnlyList<(T Item, StageDecision Decision)> Balance<T>(IReadOnlyList<T> items, Func<T, string> clipId, Func<T, string> modality, Func<T, string> sourceId)
    {
        var result = new List<(T, StageDecision)>();
        if (items.Count == 0) return result;
        var groups = items.GroupBy(modality).ToList();
        int smallest = groups.Min(g => g.Count());
        int largest = groups.Max(g => g.Count());
        foreach (var group in groups)
        {
            int count = group.Count();
            if (config.Mode == ModalityBalanceMode.Upsample)
            {
                int repeat = Math.Max(1, (int)Math.Round((double)largest / count));
                foreach (var item in group)
                    result.Add((item, StageDecision.Keep(clipId(item), StageNames.ModalityBalance, $"repeat {repeat}x",
                        new Dictionary<string, double> { ["balance.repeat"] = repeat })));
                continue;
            }

            int cap = (int)Math.Floor(smallest * config.MaxRatioToSmallest);
            var keep = RoundRobinBySource(group, clipId, sourceId).Take(cap).Select(clipId).ToHashSet();
            foreach (var item in group)
            {
                var metrics = new Dictionary<string, double> { ["balance.modalityCount"] = count, ["balance.cap"] = cap };
                result.Add((item, keep.Contains(clipId(item))
                    ? StageDecision.Keep(clipId(item), StageNames.ModalityBalance, "within modality cap", metrics)
                    : StageDecision.Drop(clipId(item), StageNames.ModalityBalance, "over modality cap (" + group.Key.ToString(CultureInfo.InvariantCulture) + ")", metrics)));
            }
        }
        return result;
    }

    private IEnumerable<T> RoundRobinBySource<T>(IEnumerable<T> group, Func<T, string> clipId, Func<T, string> sourceId)
    {
        var queues = group
            .GroupBy(sourceId)
            .OrderBy(s => StableHash.UnitInterval(config.Seed, s.Key))
            .Select(s => new Queue<T>(s.OrderBy(item => StableHash.UnitInterval(config.Seed, clipId(item)))))
            .ToList();
        while (queues.Count > 0)
        {
            foreach (var queue in queues) yield return queue.Dequeue();
            queues.RemoveAll(q => q.Count == 0);
        }
    }
}
