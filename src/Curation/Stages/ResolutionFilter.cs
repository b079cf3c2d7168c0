using MedVid.Curation.Config;
using MedVid.Curation.Clips;

namespace MedVid.Curation.Stages;

/// <summary>Drops clips from low-resolution sources (Ophora: below 720x480; MedGen: below 480p),
/// comparing long side with long side so portrait recordings are judged fairly.</summary>
public sealed class ResolutionFilter(ResolutionFilterConfig config) : IClipFilter
{
    public string Stage => StageNames.Resolution;

    public Task<StageDecision> EvaluateAsync(CandidateClip clip, CancellationToken cancellationToken = default)
    {
        int w = clip.Source.Width, h = clip.Source.Height;
        int longSide = Math.Max(w, h), shortSide = Math.Min(w, h);
        var metrics = new Dictionary<string, double> { ["resolution.width"] = w, ["resolution.height"] = h };
        bool kept = longSide >= config.MinWidth && shortSide >= config.MinHeight;
        var reason = kept
            ? $"{w}x{h} meets {config.MinWidth}x{config.MinHeight}"
            : $"below {config.MinWidth}x{config.MinHeight}";
        return Task.FromResult(new StageDecision(clip.Id, Stage, kept, reason, metrics));
    }
}
