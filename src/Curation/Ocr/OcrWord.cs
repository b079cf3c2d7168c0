namespace MedVid.Curation.Ocr;

/// <summary>One recognised word, its confidence (0..100) and its box in the OCR'd image's pixels.</summary>
public sealed record OcrWord(string Text, double Confidence, int Left, int Top, int Width, int Height);
