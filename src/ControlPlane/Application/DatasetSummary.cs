using MedVid.Grains.Datasets;

namespace MedVid.ControlPlane.Application;

/// <summary>A dataset as lists show it: its name and how many videos (and ready ones) and versions it has.</summary>
public sealed record DatasetSummary(Guid Id, string Name, string Description, int Videos, int ReadyVideos, int Versions, DateTimeOffset CreatedAt)
{
    public static DatasetSummary Of(DatasetView d) =>
        new(d.Id, d.Name, d.Description, d.Videos.Count, d.Videos.Count(v => v.Status == SourceVideoStatus.Ready), d.Versions.Count, d.CreatedAt);
}
