namespace MedVid.Grains.Teams;

/// <summary>
/// Blob layout: everything of a team lives under teams/{teamId}/, which is what the API's team scoping checks.
/// </summary>
public static class TeamBlobs
{
    public static string Prefix(Guid teamId) => $"teams/{teamId:N}/";

    public static bool Belongs(string path, Guid teamId) => path.StartsWith(Prefix(teamId), StringComparison.Ordinal);

    public static string VideoFolder(Guid teamId, Guid datasetId, Guid videoId) => $"{Prefix(teamId)}datasets/{datasetId:N}/videos/{videoId:N}";

    /// <summary>Where a generation job stores its videos (under videos/, each MP4 with a poster and a provenance JSON).</summary>
    public static string GenerationJob(Guid teamId, Guid jobId) => $"{Prefix(teamId)}generation-jobs/{jobId:N}";

    /// <summary>Where an export run stores its zip.</summary>
    public static string ExportZip(Guid teamId, Guid runId) => $"{Prefix(teamId)}exports/{runId:N}/export.zip";

    /// <summary>Where an export run puts the clips and manifest of the synthetic dataset version it adds.</summary>
    public static string SyntheticVersion(Guid teamId, Guid datasetId, Guid exportRunId) => $"{Prefix(teamId)}datasets/{datasetId:N}/synthetic/{exportRunId:N}";

    public static string Curation(Guid teamId, Guid datasetId, Guid curationId) => $"{Prefix(teamId)}datasets/{datasetId:N}/curations/{curationId:N}";
}
