namespace MedVid.Contracts;

/// <summary>Payload of <see cref="WorkKinds.IngestVideo"/>: make a browser proxy and poster of an uploaded video.</summary>
public sealed record IngestVideoPayload(Guid DatasetId, Guid VideoId, string OriginalBlob, string ProxyBlob, string PosterBlob);

/// <summary>Result of <see cref="WorkKinds.IngestVideo"/>.</summary>
public sealed record IngestVideoResult(
    string ProxyBlob, string PosterBlob, double DurationSeconds, double Fps, int Width, int Height, string Codec, long FrameCount);
