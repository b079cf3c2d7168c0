namespace MedVid.Curation.Ocr;

/// <summary>The OCR engine cannot run (not installed, or it failed); the message says how to fix it.</summary>
public sealed class OcrUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
