namespace MedVid.Curation.Config;

/// <summary>The privacy filter for subtitles, captions burnt into the image and watermarks.
/// MedGen runs OCR on 5 uniformly sampled frames and drops the clip when more than 20 words are
/// found in total. OCR is slow, so a frame whose edge density is below
/// <see cref="MinEdgeDensityForOcr"/> (a plain frame cannot carry text) is not sent to OCR.</summary>
public sealed record TextOverlayConfig
{
    public bool Enabled { get; init; } = true;
    public int SampleFrames { get; init; } = 5;

    /// <summary>Clips with more words than this (summed over the sampled frames) are dropped. MedGen: 20.</summary>
    public int MaxWords { get; init; } = 20;

    /// <summary>Tesseract word confidence (0..100) below which a detection is noise, not a word.</summary>
    public double MinWordConfidence { get; init; } = 60;

    /// <summary>Fraction of pixels with a strong Sobel gradient (above <see cref="EdgeMagnitude"/>) under which OCR is skipped.</summary>
    public double MinEdgeDensityForOcr { get; init; } = 0.01;

    /// <summary>L1 Sobel magnitude counted as a strong edge; glyph strokes on video exceed it easily.</summary>
    public double EdgeMagnitude { get; init; } = 200;

    /// <summary>Tesseract: frames are enlarged so their short side is at least this many pixels before OCR,
    /// because tesseract needs glyphs of roughly 20 px height to read reliably.</summary>
    public int OcrMinShortSide { get; init; } = 480;

    public string TesseractPath { get; init; } = "tesseract";
    public string Language { get; init; } = "eng";

    internal IEnumerable<string> Validate(string path)
    {
        if (SampleFrames < 1) yield return $"{path}.sampleFrames must be at least 1, was {SampleFrames}.";
        if (MaxWords < 0) yield return $"{path}.maxWords must not be negative, was {MaxWords}.";
        if (MinWordConfidence is < 0 or > 100) yield return $"{path}.minWordConfidence must be in [0, 100], was {MinWordConfidence}.";
        if (MinEdgeDensityForOcr is < 0 or > 1) yield return $"{path}.minEdgeDensityForOcr must be in [0, 1], was {MinEdgeDensityForOcr}.";
        if (EdgeMagnitude <= 0) yield return $"{path}.edgeMagnitude must be positive, was {EdgeMagnitude}.";
        if (OcrMinShortSide < 1) yield return $"{path}.ocrMinShortSide must be at least 1, was {OcrMinShortSide}.";
        if (string.IsNullOrWhiteSpace(TesseractPath)) yield return $"{path}.tesseractPath must not be empty.";
        if (string.IsNullOrWhiteSpace(Language)) yield return $"{path}.language must not be empty.";
    }
}
