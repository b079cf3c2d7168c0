namespace MedVid.Curation.Captioning;

/// <summary>The chat endpoint refused or answered something that is not a caption.</summary>
public sealed class CaptioningException(string message, Exception? inner = null) : Exception(message, inner);
