namespace MedVid.Rating.Protocols;

/// <summary>The protocols a campaign may use, by id.</summary>
public static class RatingProtocols
{
    public static readonly IReadOnlyList<RatingProtocol> All = [OphoraSevenCriteria.Protocol, MedGenPairwise.Protocol, MedGenDistortion.Protocol];

    public static RatingProtocol? Find(string? id) => All.FirstOrDefault(p => p.Id == id);

    public static string Known => string.Join(", ", All.Select(p => p.Id));
}
