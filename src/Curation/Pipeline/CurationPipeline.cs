using System.Diagnostics;
using System.Runtime.CompilerServices;
using MedVid.Curation.Captioning;
using MedVid.Curation.Config;
using MedVid.Curation.Ocr;
using MedVid.Curation.Stages;
using MedVid.Curation.Clips;
using MedVid.Curation.Manifest;

namespace MedVid.Curation.Pipeline;

/// <summary>Runs curation over sources: scene detection and clip splitting, the configured filters in
/// order (a clip stops at the first filter that drops it), frame planning and captioning for the
/// survivors, then modality balancing and the train/test split over the whole set. Every stage's
/// decision on every item is kept in the result.</summary>
public sealed class CurationPipeline
{
    private readonly CurationConfig config;
    private readonly SceneSegmenter segmenter;
    private readonly IReadOnlyList<IClipFilter> filters;
    private readonly FramePlanner planner;
    private readonly ClipCaptioner captioner;

    /// <param name="ocr">OCR for the text-overlay filter; null uses tesseract as configured.</param>
    /// <param name="chat">Chat captioner; null means templates only. Use <see cref="Create"/> to get one
    /// exactly when the config names an endpoint.</param>
    public CurationPipeline(CurationConfig config, IOcrEngine? ocr = null, IChatCaptioner? chat = null)
    {
        this.config = config.EnsureValid();
        segmenter = new SceneSegmenter(config.SceneDetection, config.ClipSplit);
        planner = new FramePlanner(config.Output);
        captioner = new ClipCaptioner(config.Captions, chat);
        ocr ??= TesseractOcrEngine.FromConfig(config.TextOverlay);
        filters = config.FilterOrder.Select(name => CreateFilter(name, ocr)).OfType<IClipFilter>().ToList();
    }

    /// <summary>The pipeline a config describes: tesseract OCR, and an OpenAI-compatible chat captioner
    /// only when captions.llm.endpoint is set (otherwise no HTTP client is ever used).</summary>
    public static CurationPipeline Create(CurationConfig config, HttpClient? http = null) =>
        new(config, chat: config.Captions.Llm.IsConfigured ? new OpenAiChatCaptioner(config.Captions.Llm, http ?? new HttpClient()) : null);

    public IReadOnlyList<string> FilterStages => filters.Select(f => f.Stage).ToList();

    private IClipFilter? CreateFilter(string name, IOcrEngine ocr) => name switch
    {
        StageNames.Resolution when config.Resolution.Enabled => new ResolutionFilter(config.Resolution),
        StageNames.Dynamics when config.Dynamics.Enabled => new DynamicsFilter(config.Dynamics),
        StageNames.TemporalConsistency when config.TemporalConsistency.Enabled => new TemporalConsistencyFilter(config.TemporalConsistency),
        StageNames.BlackBorder when config.BlackBorder.Enabled => new BlackBorderFilter(config.BlackBorder),
        StageNames.TechnicalQuality when config.TechnicalQuality.Enabled => new TechnicalQualityFilter(config.TechnicalQuality),
        StageNames.TextOverlay when config.TextOverlay.Enabled => new TextOverlayFilter(config.TextOverlay, ocr),
        _ => null,
    };

    /// <summary>Curates sources loaded one at a time through <paramref name="loader"/>.</summary>
    public async Task<CurationResult> RunAsync(
        IReadOnlyList<CurationSource> sources,
        ISourceFrameLoader loader,
        IProgress<CurationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var duplicate = sources.GroupBy(s => s.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Source id '{duplicate.Key}' appears more than once; the split depends on unique ids.", nameof(sources));

        var decisions = new List<StageDecision>();
        var survivors = new List<CuratedClip>();
        var failed = new List<SourceFailure>();
        var timings = new StageTimings();
        for (int i = 0; i < sources.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var report = new SourceProgress(progress, i, sources.Count, sources[i].Id);
            report.Report("decode", 0);
            // A source that cannot be probed or decoded (here or half-way through) is recorded as failed
            // with its reason and leaves nothing behind; the rest of the batch goes on.
            int decisionMark = decisions.Count, survivorMark = survivors.Count, frames = 0;
            try
            {
                long waitStart = Stopwatch.GetTimestamp();
                await foreach (var window in loader.LoadAsync(sources[i], cancellationToken))
                {
                    timings.Add(StageTimings.Decode, waitStart);
                    if (!ReferenceEquals(window.Source, sources[i]) && window.Source.Id != sources[i].Id)
                        throw new InvalidOperationException($"The frame loader returned frames of '{window.Source.Id}' for source '{sources[i].Id}'.");
                    frames += window.Frames.Count;
                    if (window.Frames.Count == 0) continue;
                    survivors.AddRange(await CurateWindowAsync(window, decisions, report, timings, cancellationToken));
                    waitStart = Stopwatch.GetTimestamp();
                }
                timings.Add(StageTimings.Decode, waitStart);
                if (frames == 0)
                    throw new UnusableSourceException(SourceFailure.Reasons.NoFrames, "no frames: decoding the source produced no frame");
                decisions.Insert(decisionMark, StageDecision.Keep(sources[i].Id, StageNames.Source, "decoded", new Dictionary<string, double> { ["frames"] = frames }));
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && SourceFailure.FromException(sources[i].Id, e) is { } failure)
            {
                decisions.RemoveRange(decisionMark, decisions.Count - decisionMark);
                survivors.RemoveRange(survivorMark, survivors.Count - survivorMark);
                decisions.Add(StageDecision.Drop(sources[i].Id, StageNames.Source, failure.Reason));
                failed.Add(failure);
            }
            report.Report("source-done", 1.0);
        }

        progress?.Report(new CurationProgress(StageNames.ModalityBalance, 0.98, sources.Count, sources.Count, null));
        long stageStart = Stopwatch.GetTimestamp();
        var balanced = Balance(survivors, decisions);
        timings.Add(StageNames.ModalityBalance, stageStart);
        progress?.Report(new CurationProgress(StageNames.Split, 0.99, sources.Count, sources.Count, null));
        stageStart = Stopwatch.GetTimestamp();
        var splitter = new SourceSplitter(config.Split);
        var final = new List<CuratedClip>(balanced.Count);
        foreach (var clip in balanced)
        {
            var decision = splitter.Decide(clip.Id, clip.Source.Id);
            decisions.Add(decision);
            final.Add(clip with { Split = splitter.Assign(clip.Source.Id) });
        }

        timings.Add(StageNames.Split, stageStart);

        var statistics = CurationStatistics.Compute(sources.Count, decisions, final, failed);
        progress?.Report(new CurationProgress("done", 1.0, sources.Count, sources.Count, null));
        return new CurationResult(final, decisions, statistics, config.Redacted()) { StageSeconds = timings.Seconds() };
    }

    /// <summary>Curates sources already decoded in memory (tests, small datasets). Several entries
    /// sharing one <see cref="CurationSource"/> instance are that source's windows, in order.</summary>
    public Task<CurationResult> RunAsync(
        IReadOnlyList<SourceFrames> sources,
        IProgress<CurationProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        RunAsync(sources.Select(s => s.Source).Distinct(ReferenceEqualityComparer.Instance).Cast<CurationSource>().ToList(), new InMemoryLoader(sources), progress, cancellationToken);

    private async Task<IReadOnlyList<CuratedClip>> CurateWindowAsync(
        SourceFrames source, List<StageDecision> decisions, SourceProgress report, StageTimings timings, CancellationToken cancellationToken)
    {
        // Progress within the source: this window's share of the whole source when the loader knows its length.
        int total = Math.Max(source.SourceFrameCount ?? source.FrameOffset + source.Frames.Count, 1);
        double windowStart = (double)source.FrameOffset / total, windowShare = (double)source.Frames.Count / total;
        void Report(string stage, double withinWindow) => report.Report(stage, windowStart + windowShare * withinWindow);

        Report(StageNames.SceneDetection, 0.1);
        long start = Stopwatch.GetTimestamp();
        var segmentation = segmenter.Segment(source, cancellationToken);
        timings.Add(StageNames.SceneDetection, start);
        decisions.AddRange(segmentation.Decisions);

        var survivors = new List<CuratedClip>();
        var clips = segmentation.Clips;
        for (int c = 0; c < clips.Count; c++)
        {
            var clip = clips[c];
            double clipStart = 0.2 + 0.8 * c / clips.Count, clipSpan = 0.8 / clips.Count;
            bool kept = true;
            for (int f = 0; f < filters.Count && kept; f++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Report(filters[f].Stage, clipStart + clipSpan * f / (filters.Count + 2));
                start = Stopwatch.GetTimestamp();
                var decision = await filters[f].EvaluateAsync(clip, cancellationToken);
                timings.Add(filters[f].Stage, start);
                decisions.Add(decision);
                clip = clip.WithMetrics(decision.Metrics);
                kept = decision.Kept;
            }
            if (!kept) continue;

            Report(StageNames.FrameSampling, clipStart + clipSpan * filters.Count / (filters.Count + 2));
            start = Stopwatch.GetTimestamp();
            var (plan, planDecision) = planner.Plan(clip);
            timings.Add(StageNames.FrameSampling, start);
            decisions.Add(planDecision);
            clip = clip.WithMetrics(planDecision.Metrics);

            Report(StageNames.Captioning, clipStart + clipSpan * (filters.Count + 1) / (filters.Count + 2));
            start = Stopwatch.GetTimestamp();
            var (captions, captionDecision) = await captioner.CaptionAsync(clip, cancellationToken);
            timings.Add(StageNames.Captioning, start);
            decisions.Add(captionDecision);
            if (!captionDecision.Kept) continue;
            clip = clip.WithMetrics(captionDecision.Metrics);

            survivors.Add(new CuratedClip(clip.Id, clip.Source, clip.StartSeconds, clip.EndSeconds, clip.Fps, plan, captions, clip.Metrics, DatasetSplit.Train));
        }
        return survivors;
    }

    private List<CuratedClip> Balance(List<CuratedClip> clips, List<StageDecision> decisions)
    {
        if (!config.Balance.Enabled) return clips;
        var balancer = new ModalityBalancer(config.Balance);
        var outcome = balancer.Balance(clips, c => c.Id, c => c.Source.Modality, c => c.Source.Id)
            .ToDictionary(o => o.Item.Id, o => o.Decision);
        var kept = new List<CuratedClip>();
        foreach (var clip in clips)
        {
            var decision = outcome[clip.Id];
            decisions.Add(decision);
            if (decision.Kept) kept.Add(clip with { Metrics = clip.WithMetricsOf(decision.Metrics) });
        }
        return kept;
    }

    private sealed class InMemoryLoader(IReadOnlyList<SourceFrames> sources) : ISourceFrameLoader
    {
        public async IAsyncEnumerable<SourceFrames> LoadAsync(CurationSource source, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.CompletedTask;
            foreach (var frames in sources.Where(s => ReferenceEquals(s.Source, source))) yield return frames;
        }
    }

    private sealed class SourceProgress(IProgress<CurationProgress>? progress, int index, int count, string sourceId)
    {
        private double reached;

        // Sources share 98% of the bar evenly; balancing and the split take the rest. The bar never
        // moves back, even when a loader cannot tell how long a source is.
        public void Report(string stage, double withinSource)
        {
            reached = Math.Max(reached, Math.Clamp(withinSource, 0, 1));
            progress?.Report(new CurationProgress(stage, 0.98 * (index + reached) / count, index, count, sourceId));
        }
    }
}

/// <summary>Wall time per stage of one run (a Stopwatch timestamp pair per stage call; cheap).</summary>
internal sealed class StageTimings
{
    /// <summary>Time spent waiting for the frame loader (decoding), as a pseudo-stage.</summary>
    public const string Decode = "decode";

    private readonly Dictionary<string, long> ticks = new();

    public void Add(string stage, long startTimestamp) =>
        ticks[stage] = ticks.GetValueOrDefault(stage) + (Stopwatch.GetTimestamp() - startTimestamp);

    public IReadOnlyDictionary<string, double> Seconds() =>
        ticks.ToDictionary(t => t.Key, t => (double)t.Value / Stopwatch.Frequency);
}
