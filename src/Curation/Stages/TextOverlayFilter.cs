using MedVid.Video;
using MedVid.Curation.Config;
using MedVid.Curation.Imaging;
using MedVid.Curation.Ocr;
using MedVid.Curation.Clips;

namespace MedVid.Curation.Stages;

/// <summary>The privacy filter (MedGen's subtitle filter, Ophora's sensitive-content rule): OCR on
/// uniformly sampled frames; the clip is dropped when the words found exceed the limit. A frame
/// whose edge density is too low to carry text skips OCR, which keeps plain clips cheap.</summary>
public sealed class TextOverlayFilter(TextOverlayConfig config, IOcrEngine ocr) : IClipFilter
{
    public TextOverlayFilter(TextOverlayConfig config) : this(config, TesseractOcrEngine.FromConfig(config)) { }

    public string Stage => StageNames.TextOverlay;

    public async Task<StageDecision> EvaluateAsync(CandidateClip clip, CancellationToken cancellationToken = default)
    {
        int words = 0, ocrFrames = 0, skippedFrames = 0;
        double maxEdgeDensity = 0;
        foreach (var index in UniformSampling.Indices(clip.Frames.Count, config.SampleFrames))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var gray = GrayImage.FromRgb(clip.Frames[index]);
            double density = QualityMetrics.EdgeDensity(gray, config.EdgeMagnitude);
            maxEdgeDensity = Math.Max(maxEdgeDensity, density);
            if (density < config.MinEdgeDensityForOcr)
            {
                skippedFrames++;
                continue;
            }
            ocrFrames++;
            var found = await ocr.RecognizeAsync(gray, cancellationToken);
            words += found.Count(IsWord);
        }

        var metrics = new Dictionary<string, double>
        {
            ["text.words"] = words,
            ["text.ocrFrames"] = ocrFrames,
            ["text.skippedFrames"] = skippedFrames,
            ["text.maxEdgeDensity"] = maxEdgeDensity,
        };
        return words > config.MaxWords
            ? StageDecision.Drop(clip.Id, Stage, $"more than {config.MaxWords} words of overlaid text", metrics)
            : StageDecision.Keep(clip.Id, Stage, ocrFrames == 0 ? "no text-like edges; OCR skipped" : $"{words} word(s) found", metrics);
    }

    /// <summary>A confident detection with at least one letter or digit; stray punctuation from
    /// textures is not a word.</summary>
    private bool IsWord(OcrWord word) => word.Confidence >= config.MinWordConfidence && word.Text.Any(char.IsLetterOrDigit);
}
