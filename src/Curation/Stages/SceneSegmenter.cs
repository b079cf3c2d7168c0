using MedVid.Curation.Config;
using MedVid.Curation.Clips;

namespace MedVid.Curation.Stages;

/// <summary>Splits a source into scenes with the configured detector, then scenes into clips of
/// <see cref="ClipSplitConfig.MinSeconds"/> to <see cref="ClipSplitConfig.MaxSeconds"/>: a long scene
/// is cut into consecutive pieces of the maximum length, and any scene or trailing piece shorter
/// than the minimum is dropped (with a decision saying so).</summary>
public sealed class SceneSegmenter(SceneDetectionConfig detection, ClipSplitConfig split)
{
    public ISceneDetector Detector { get; } = detection.Detector switch
    {
        SceneDetectorKind.Adaptive => new AdaptiveSceneDetector(detection),
        _ => new ContentSceneDetector(detection),
    };

    public SegmentationResult Segment(SourceFrames source, CancellationToken cancellationToken = default)
    {
        var decisions = new List<StageDecision>();
        var clips = new List<CandidateClip>();
        var sourceId = source.Source.Id;
        int offset = source.FrameOffset;
        // One decision per window; a source decoded in one piece is named by its id alone.
        var windowId = offset == 0 ? sourceId : $"{sourceId}@{offset:D6}";
        if (source.Frames.Count < 2)
        {
            decisions.Add(StageDecision.Drop(windowId, StageNames.SceneDetection, "fewer than 2 frames"));
            return new SegmentationResult(clips, decisions, []);
        }

        var scores = ContentScores.Compute(source.Frames, cancellationToken);
        var cuts = Detector.DetectCuts(scores);
        var bounds = new List<int> { 0 };
        bounds.AddRange(cuts);
        bounds.Add(source.Frames.Count);
        decisions.Add(StageDecision.Keep(windowId, StageNames.SceneDetection, $"{bounds.Count - 1} scene(s)", new Dictionary<string, double>
        {
            ["scenes"] = bounds.Count - 1,
            ["cuts"] = cuts.Count,
            ["durationSeconds"] = source.DurationSeconds,
        }));

        int minFrames = Math.Max(1, (int)Math.Ceiling(split.MinSeconds * source.Fps - 1e-9));
        int maxFrames = Math.Max(minFrames, (int)Math.Floor(split.MaxSeconds * source.Fps + 1e-9));
        for (int scene = 0; scene < bounds.Count - 1; scene++)
        {
            for (int start = bounds[scene]; start < bounds[scene + 1]; start += maxFrames)
            {
                int end = Math.Min(start + maxFrames, bounds[scene + 1]);
                string id = $"{sourceId}/{offset + start:D6}-{offset + end:D6}";
                double seconds = (end - start) / source.Fps;
                var metrics = new Dictionary<string, double> { ["durationSeconds"] = seconds, ["scene"] = scene };
                if (end - start < minFrames)
                {
                    decisions.Add(StageDecision.Drop(id, StageNames.ClipSplit, $"shorter than {split.MinSeconds:0.##} s", metrics));
                    continue;
                }
                var frames = Slice(source.Frames, start, end);
                var clipScores = new double[end - start];
                for (int i = 1; i < clipScores.Length; i++) clipScores[i] = scores[start + i];
                clips.Add(new CandidateClip(id, source.Source, offset + start, offset + end, source.Fps, frames, clipScores) { Metrics = metrics });
                decisions.Add(StageDecision.Keep(id, StageNames.ClipSplit, $"clip of {seconds:0.##} s", metrics));
            }
        }
        return new SegmentationResult(clips, decisions, cuts);
    }

    private static IReadOnlyList<T> Slice<T>(IReadOnlyList<T> items, int start, int end)
    {
        var slice = new T[end - start];
        for (int i = start; i < end; i++) slice[i - start] = items[i];
        return slice;
    }
}

public sealed record SegmentationResult(IReadOnlyList<CandidateClip> Clips, IReadOnlyList<StageDecision> Decisions, IReadOnlyList<int> Cuts);
