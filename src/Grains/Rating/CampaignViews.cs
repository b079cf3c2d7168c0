using MedVid.Rating.Statistics;

namespace MedVid.Grains.Rating;

/// <summary>The researcher's view of a campaign: every item with the model behind each video. Never send it to a rater.</summary>
public sealed record RatingCampaignView(
    Guid Id, Guid TeamId, string Name, string Protocol, CampaignStatus Status, int RatersPerItem, Guid CreatedBy, DateTimeOffset CreatedAt,
    DateTimeOffset? ClosedAt, int RatingCount, IReadOnlyList<CampaignRaterView> Raters, IReadOnlyList<CampaignItemView> Items);

public sealed record CampaignRaterView(Guid UserId, string UserName, int Assigned, int Completed);

/// <param name="Gold">A gold item's known answers (criterion id → key, as given at creation); null for other items.</param>
public sealed record CampaignItemView(Guid ItemId, int Index, string? Prompt, string? Label, IReadOnlyList<CampaignVideoView> Videos, IReadOnlyDictionary<string, string>? Gold);

public sealed record CampaignVideoView(
    VideoSourceKind Source, Guid? DatasetId, Guid? VideoId, int? DatasetVersion, string BlobPath, string Model, string? Checkpoint, Guid? RunId, string System);

/// <summary>A campaign in the researchers' list; <see cref="RaterIds"/> lets the API check who may rate it.</summary>
public sealed record RatingCampaignSummary(
    Guid Id, Guid TeamId, string Name, string Protocol, CampaignStatus Status, int Items, int RatersPerItem, IReadOnlyList<Guid> RaterIds,
    int AssignedTasks, int CompletedTasks, DateTimeOffset CreatedAt, DateTimeOffset? ClosedAt);

/// <summary>Results with the raters' names, since the kappas name raters by id.</summary>
public sealed record RatingResultsView(Guid CampaignId, string Name, CampaignStatus Status, IReadOnlyList<CampaignRaterView> Raters, CampaignResults Results);

/// <summary>The campaign's status and each item's verdict in item order (item ids as in the results).</summary>
public sealed record CampaignVerdicts(CampaignStatus Status, IReadOnlyList<MedVid.Rating.Statistics.ItemVerdict> Items);
