namespace MedVid.Curation.Pipeline;

/// <summary>Decodes a source at analysis size. The pipeline loads one source at a time and lets its
/// frames go before the next, so memory stays bounded by the longest source.</summary>
public interface ISourceFrameLoader
{
    Task<SourceFrames> LoadAsync(SourceVideo source, CancellationToken cancellationToken = default);
}
