using MedVid.Curation.Clips;

namespace MedVid.Curation.Captioning;

/// <summary>Writes one caption for a clip with a language model.</summary>
public interface IChatCaptioner
{
    Task<string> CaptionAsync(CandidateClip clip, CancellationToken cancellationToken = default);
}
