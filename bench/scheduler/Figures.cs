namespace MedVid.SchedulerBench;

/// <summary>What one policy achieved on the trace (times in minutes).</summary>
internal sealed record Figures(
    double UtilisationWhileWaiting, double JainIndex, IReadOnlyDictionary<string, (double P50, double P95)> WaitMinutes,
    double RegainP50, double RegainP95, double RegainMax, int Regains, int Preemptions, int MostPreemptionsOfOneJob,
    double LostGpuMinutes, double MakespanHours)
{
    /// <summary>
    /// <list type="bullet">
    /// <item>Utilisation while work waits: GPU-time held over GPU-time available, over the time some job waits.</item>
    /// <item>Jain's index of (allocated ÷ entitled) over teams that want GPUs, time-weighted; a team's entitlement is
    /// its weighted max-min share of all GPUs (weights: the real quotas, equal here), capped by what it wants.</item>
    /// <item>Guarantee regained: from the moment a team has a job waiting that would fit inside its guarantee (GPUs held
    /// plus the job's ≤ quota) until no such job waits: the wait the guarantee promises to end.</item>
    /// </list>
    /// </summary>
    public static Figures Of(SimulationResult result, ContentionTrace trace, int teams, int totalGpus, int quota)
    {
        double busyWaiting = 0, availableWaiting = 0, jainWeighted = 0, jainTime = 0;
        var deficitSince = new DateTimeOffset?[teams];
        var regains = new List<double>();
        var samples = result.Samples;
        for (var i = 0; i + 1 < samples.Count; i++)
        {
            var (now, next) = (samples[i], samples[i + 1]);
            var dt = (next.At - now.At).TotalMinutes;
            var wanted = Enumerable.Range(0, teams).Select(t => now.Running[t] + now.Waiting[t]).ToArray();
            if (dt > 0 && now.Waiting.Sum() > 0)
            {
                busyWaiting += now.Running.Sum() * dt;
                availableWaiting += totalGpus * dt;
            }
            var entitled = WaterFill(wanted, totalGpus);
            var active = Enumerable.Range(0, teams).Where(t => entitled[t] > 0).ToList();
            if (dt > 0 && active.Count >= 2)
            {
                var x = active.Select(t => now.Running[t] / entitled[t]).ToList();
                var sumSquares = x.Sum(v => v * v);
                jainWeighted += (sumSquares == 0 ? 1 : x.Sum() * x.Sum() / (x.Count * sumSquares)) * dt;
                jainTime += dt;
            }
            for (var t = 0; t < teams; t++)
            {
                var short_ = now.SmallestWaiting[t] > 0 && now.Running[t] + now.SmallestWaiting[t] <= quota;
                if (short_ && deficitSince[t] is null) deficitSince[t] = now.At;
                if (!short_ && deficitSince[t] is { } since)
                {
                    regains.Add((now.At - since).TotalMinutes);
                    deficitSince[t] = null;
                }
            }
        }
        var waits = result.Jobs.Where(j => j.FirstStart is not null).GroupBy(j => j.Job.Team).OrderBy(g => g.Key).ToDictionary(
            g => ContentionTrace.TeamName(g.Key),
            g =>
            {
                var minutes = g.Select(j => (j.FirstStart!.Value - j.Job.Arrival).TotalMinutes).Order().ToArray();
                return (Percentile(minutes, 0.5), Percentile(minutes, 0.95));
            });
        var sortedRegains = regains.Order().ToArray();
        var finished = result.Jobs.Where(j => j.Finished is not null).Select(j => j.Finished!.Value).DefaultIfEmpty(trace.Start).Max();
        return new Figures(
            availableWaiting == 0 ? 1 : busyWaiting / availableWaiting, jainTime == 0 ? 1 : jainWeighted / jainTime, waits,
            Percentile(sortedRegains, 0.5), Percentile(sortedRegains, 0.95), sortedRegains.LastOrDefault(), sortedRegains.Length,
            result.Jobs.Sum(j => j.Preemptions), result.Jobs.Max(j => j.Preemptions), result.LostGpuMinutes, (finished - trace.Start).TotalHours);
    }

    /// <summary>Equal-weight max-min shares of <paramref name="capacity"/> capped by what each team wants.</summary>
    public static double[] WaterFill(int[] wanted, int capacity)
    {
        var share = new double[wanted.Length];
        var open = Enumerable.Range(0, wanted.Length).Where(t => wanted[t] > 0).ToList();
        double left = capacity;
        while (open.Count > 0 && left > 1e-9)
        {
            var each = left / open.Count;
            var capped = open.Where(t => wanted[t] - share[t] <= each).ToList();
            if (capped.Count == 0)
            {
                foreach (var t in open) share[t] += each;
                break;
            }
            foreach (var t in capped)
            {
                left -= wanted[t] - share[t];
                share[t] = wanted[t];
                open.Remove(t);
            }
        }
        return share;
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}
