namespace MedVid.Grains.Teams;

/// <summary>
/// Blob layout: everything of a team lives under teams/{teamId}/, which is what the API's team scoping checks.
/// </summary>
public static class TeamBlobs
{
    public static string Prefix(Guid teamId) => $"teams/{teamId:N}/";

    public static bool Belongs(string path, Guid teamId) => path.StartsWith(Prefix(teamId), StringComparison.Ordinal);

    public static string VideoFolder(Guid teamId, Guid datasetId, Guid videoId) => $"{Prefix(teamId)}datasets/{datasetId:N}/videos/{videoId:N}";

    public static string Curation(Guid teamId, Guid datasetId, Guid curationId) => $"{Prefix(teamId)}datasets/{datasetId:N}/curations/{curationId:N}";
}
