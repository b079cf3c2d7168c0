namespace MedVid.Grains.Exports;

/// <summary>
/// The acceptance rating of a filtered run: its campaign, and each generated video (label order, then chunk, then the
/// job's video order, as the campaign's items are) with its verdict once decided.
/// </summary>
public sealed class ExportRating
{
    public Guid CampaignId { get; set; }
    public List<RatedVideo> Videos { get; set; } = [];

    public int Decided => Videos.Count(v => v.Accepted is not null);
    public int Accepted => Videos.Count(v => v.Accepted == true);
}

/// <summary>A generated video of a filtered run: accepted, rejected (with the reason), or not decided yet (null).</summary>
public sealed class RatedVideo
{
    public string Blob { get; set; } = "";
    public bool? Accepted { get; set; }
    public string Outcome { get; set; } = "";
}
