namespace MedVid.Curation.Clips;

/// <summary>Decodes a source at analysis size, as consecutive windows in order. The pipeline lets
/// each window's frames go before asking for the next, so memory stays bounded by one window.</summary>
public interface ISourceFrameLoader
{
    IAsyncEnumerable<SourceFrames> LoadAsync(CurationSource source, CancellationToken cancellationToken = default);
}
