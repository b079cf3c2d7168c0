using MedVid.Curation.Config;
using MedVid.Curation.Clips;

namespace MedVid.Curation.Stages;

/// <summary>Ophora's fixed clip length: every clip becomes exactly N frames (49), uniformly sampled
/// when longer (first and last frame kept) and padded with all-zero frames when shorter.</summary>
public static class FrameCountNormaliser
{
    public static FramePlan Normalise(IReadOnlyList<int> indices, int interval, int? frameCount, FrameCountMode mode)
    {
        if (frameCount is not int n) return new FramePlan(indices, 0, interval);
        if (indices.Count <= n) return new FramePlan(indices, n - indices.Count, interval);
        if (mode == FrameCountMode.Truncate) return new FramePlan(indices.Take(n).ToArray(), 0, interval);
        var chosen = new int[n];
        for (int i = 0; i < n; i++)
            chosen[i] = indices[n == 1 ? 0 : (int)Math.Round((double)i * (indices.Count - 1) / (n - 1))];
        return new FramePlan(chosen, 0, interval);
    }
}
