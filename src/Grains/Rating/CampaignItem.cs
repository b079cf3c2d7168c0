namespace MedVid.Grains.Rating;

public enum CampaignStatus
{
    Open,
    Closed,
}

/// <summary>A video of an item as stored: its source reference, the blob a rater's media request streams, and who made it.</summary>
public sealed class CampaignVideo
{
    public VideoSourceKind Source { get; set; }
    public Guid? DatasetId { get; set; }
    public Guid? VideoId { get; set; }
    public int? DatasetVersion { get; set; }
    public string BlobPath { get; set; } = "";
    public string Model { get; set; } = "";
    public string? Checkpoint { get; set; }
    public Guid? RunId { get; set; }

    public string System => string.IsNullOrEmpty(Checkpoint) ? Model : $"{Model}@{Checkpoint}";
}

/// <summary>An item: an opaque id (derived from the campaign and the item's position, revealing neither), what raters see, its videos, and for gold items the known answers.</summary>
public sealed class CampaignItem
{
    public Guid Id { get; set; }
    public int Index { get; set; }
    public string? Prompt { get; set; }
    public string? Label { get; set; }
    public List<CampaignVideo> Videos { get; set; } = [];

    /// <summary>Known answers of a gold item (criterion id → stored value, pairs in the item's terms); null otherwise.</summary>
    public Dictionary<string, int>? Gold { get; set; }
}

/// <summary>A rater and their queue, in the order they see it.</summary>
public sealed class CampaignRater
{
    public Guid UserId { get; set; }
    public string UserName { get; set; } = "";
    public List<RaterSlot> Tasks { get; set; } = [];
}

/// <summary>An item in a rater's queue; <see cref="Swapped"/>: this rater sees video B on the left.</summary>
public sealed class RaterSlot
{
    public Guid ItemId { get; set; }
    public bool Swapped { get; set; }
}

/// <summary>
/// One rating of one criterion. <see cref="Value"/> is the level value; for pairs it is the
/// <see cref="MedVid.Rating.Protocols.PairOutcome"/> in the item's terms (A/B), whatever side the rater saw A on.
/// </summary>
public sealed class GivenRating
{
    public Guid RaterId { get; set; }
    public Guid ItemId { get; set; }
    public string Criterion { get; set; } = "";
    public int Value { get; set; }
    public DateTimeOffset RatedAt { get; set; }
}
