using MedVid.Curation.Imaging;
using MedVid.Curation.Ocr;
using MedVid.Curation.Pipeline;
using MedVid.Curation.Manifest;

namespace MedVid.Curation.Tests;

/// <summary>Synthetic sources for whole-pipeline tests: each source is three 3-second scenes of
/// sharp noise at 10 fps separated by hard cuts; every third source has a black middle scene,
/// which a filter must drop.</summary>
internal static class PipelineFixture
{
    public static readonly string[] Modalities = ["endoscopy", "ultrasound", "cell"];

    public static CurationConfig Config() => new()
    {
        // Static synthetic scenes have one keyframe each; Ophora's lower bound of 2 would drop them all.
        Dynamics = new DynamicsFilterConfig { MinKeyframes = 1 },
        ClipSplit = new ClipSplitConfig { MinSeconds = 2, MaxSeconds = 10 },
    };

    public static List<SourceFrames> Sources(int count, int width = 48, int height = 36)
    {
        var sources = new List<SourceFrames>();
        for (int s = 0; s < count; s++)
        {
            var frames = new List<RgbFrame>();
            for (int scene = 0; scene < 3; scene++)
            {
                var frame = s % 3 == 0 && scene == 1
                    ? SyntheticFrames.Solid(width, height, 0, 0, 0)
                    : SyntheticFrames.Noise(width, height, seed: s * 10 + scene);
                frames.AddRange(Enumerable.Repeat(frame, 30));
            }
            var video = new CurationSource($"video-{s:D3}", Modalities[s % Modalities.Length], 1280, 720)
            {
                Title = $"Recording {s}",
                Description = "Synthetic test source.",
                Labels = new Dictionary<string, string> { ["site"] = $"site-{s % 2}" },
            };
            sources.Add(new SourceFrames(video, 10, frames));
        }
        return sources;
    }

    public static Task<CurationResult> RunAsync(CurationConfig config, int sources, IProgress<CurationProgress>? progress = null, CancellationToken cancellationToken = default) =>
        new CurationPipeline(config, new NoText()).RunAsync(Sources(sources), progress, cancellationToken);

    /// <summary>OCR that finds nothing: noise frames pass the edge pre-check, and tesseract on 48x36 noise would only add time.</summary>
    internal sealed class NoText : IOcrEngine
    {
        public int Calls { get; private set; }

        public Task<IReadOnlyList<OcrWord>> RecognizeAsync(GrayImage image, CancellationToken cancellationToken = default)
        {
            Calls++;
            return Task.FromResult<IReadOnlyList<OcrWord>>([]);
        }
    }
}
