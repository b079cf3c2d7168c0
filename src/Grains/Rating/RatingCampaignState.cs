using MedVid.Grains.Abstractions;
using MedVid.Rating.Assignment;
using MedVid.Rating.Protocols;

namespace MedVid.Grains.Rating;

/// <summary>A rating campaign: its items with their (hidden) systems, the raters' queues, and every rating given.</summary>
public sealed class RatingCampaignState : IIndexedState
{
    public bool Created { get; set; }
    public Guid TeamId { get; set; }
    public Guid CreatedBy { get; set; }
    public string Name { get; set; } = "";
    public string ProtocolId { get; set; } = "";
    public int RatersPerItem { get; set; }
    public CampaignStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public List<CampaignItem> Items { get; set; } = [];
    public List<CampaignRater> Raters { get; set; } = [];
    public List<GivenRating> Ratings { get; set; } = [];

    public RatingProtocol Protocol => RatingProtocols.Find(ProtocolId) ?? throw new InvalidOperationException($"Protocol '{ProtocolId}' is no longer known.");

    /// <summary>
    /// Creates the campaign from a validated spec whose videos were resolved to blobs (<paramref name="blobs"/>[item][video])
    /// and whose raters are team members (<paramref name="raterNames"/>), and deals the items to the raters.
    /// </summary>
    public void Create(Guid campaignId, Guid teamId, Guid createdBy, RatingCampaignSpec spec, IReadOnlyList<IReadOnlyList<string>> blobs,
        IReadOnlyDictionary<Guid, string> raterNames, DateTimeOffset now)
    {
        if (Created) throw new IllegalTransitionException("The rating campaign already exists.");
        var protocol = spec.Validate(teamId);
        Items = spec.Items.Select((item, index) => new CampaignItem
        {
            Id = ItemId(campaignId, index), Index = index, Prompt = item.Prompt, Label = item.Label,
            Gold = RatingCampaignSpec.ParseGold(item, index + 1, protocol),
            Videos = item.Videos.Select((v, i) => new CampaignVideo
            {
                Source = v.Source, DatasetId = v.DatasetId, VideoId = v.VideoId, DatasetVersion = v.DatasetVersion, BlobPath = blobs[index][i],
                Model = v.Model.Trim(), Checkpoint = string.IsNullOrWhiteSpace(v.Checkpoint) ? null : v.Checkpoint.Trim(), RunId = v.RunId,
            }).ToList(),
        }).ToList();
        var plans = BalancedAssignment.Assign(campaignId.ToString("N"), Items.Select(i => i.Id.ToString("N")).ToList(),
            spec.Raters.Select(r => r.ToString("N")).ToList(), spec.RatersPerItem);
        Raters = spec.Raters.Zip(plans, (rater, plan) => new CampaignRater
        {
            UserId = rater, UserName = raterNames[rater],
            // Sides only matter for pairs; single videos are never "swapped", so a rater's view has no meaningless bit.
            Tasks = plan.Tasks.Select(t => new RaterSlot { ItemId = Guid.ParseExact(t.ItemId, "N"), Swapped = protocol.Shape == ItemShape.Pair && t.SwapSides }).ToList(),
        }).ToList();
        (TeamId, CreatedBy, Name, ProtocolId, RatersPerItem, CreatedAt, Status, Created) =
            (teamId, createdBy, spec.Name.Trim(), protocol.Id, spec.RatersPerItem, now, CampaignStatus.Open, true);
    }

    /// <summary>Opaque and stable: the same campaign and position always name the same item.</summary>
    public static Guid ItemId(Guid campaignId, int index) => Runtime.DeterministicGuid.From(campaignId, $"rating-item/{index}");

    /// <summary>
    /// Records the rater's answers for some or all criteria of one item (screen terms: "left"/"right" for pairs). All
    /// answers are checked before any is stored; an answer for a criterion already rated replaces it.
    /// </summary>
    public void Submit(Guid raterId, Guid itemId, IReadOnlyDictionary<string, string> answers, DateTimeOffset now)
    {
        var slot = RequireSlot(raterId, itemId);
        if (Status != CampaignStatus.Open) throw new IllegalTransitionException("The campaign is closed; ratings can no longer be given or changed.");
        if (answers is null || answers.Count == 0) throw new InvalidGrainArgumentException("Give at least one rating, e.g. {\"ratings\":{\"criterion-id\":\"level\"}}.");
        var protocol = Protocol;
        var parsed = new List<(string Criterion, int Value)>();
        foreach (var (criterionId, key) in answers)
        {
            var criterion = protocol.FindCriterion(criterionId)
                ?? throw new InvalidGrainArgumentException($"Unknown criterion '{criterionId}' for {protocol.Id}; known: {string.Join(", ", protocol.Criteria.Select(c => c.Id))}.");
            var level = criterion.FindLevel(key ?? "")
                ?? throw new InvalidGrainArgumentException($"'{key}' is not a level of {criterionId}; levels: {string.Join(", ", criterion.Levels.Select(l => l.Key))}.");
            var value = protocol.Shape == ItemShape.Pair ? (int)MedGenPairwise.FromScreen(level.Value, slot.Swapped) : level.Value;
            parsed.Add((criterion.Id, value));
        }
        foreach (var (criterion, value) in parsed)
        {
            Ratings.RemoveAll(r => r.RaterId == raterId && r.ItemId == itemId && r.Criterion == criterion);
            Ratings.Add(new GivenRating { RaterId = raterId, ItemId = itemId, Criterion = criterion, Value = value, RatedAt = now });
        }
    }

    public void Close(DateTimeOffset now)
    {
        RequireCreated();
        if (Status == CampaignStatus.Closed) throw new IllegalTransitionException("The campaign is already closed.");
        (Status, ClosedAt) = (CampaignStatus.Closed, now);
    }

    /// <summary>The blob behind one side of a task the rater was given ("video" for single videos, "left"/"right" for pairs).</summary>
    public string MediaBlob(Guid raterId, Guid itemId, string side)
    {
        var slot = RequireSlot(raterId, itemId);
        var videos = Item(itemId).Videos;
        var index = (Protocol.Shape, side) switch
        {
            (ItemShape.SingleVideo, RaterMedia.Video) => 0,
            (ItemShape.Pair, RaterMedia.Left) => slot.Swapped ? 1 : 0,
            (ItemShape.Pair, RaterMedia.Right) => slot.Swapped ? 0 : 1,
            _ => throw new EntityNotFoundException($"This task has no '{side}' video."),
        };
        return videos[index].BlobPath;
    }

    public CampaignRater RequireRater(Guid raterId)
    {
        RequireCreated();
        return Raters.FirstOrDefault(r => r.UserId == raterId) ?? throw new EntityNotFoundException("You are not a rater of this campaign.");
    }

    public RaterSlot RequireSlot(Guid raterId, Guid itemId) =>
        RequireRater(raterId).Tasks.FirstOrDefault(t => t.ItemId == itemId) ?? throw new EntityNotFoundException("The task does not exist.");

    public CampaignItem Item(Guid itemId) => Items.First(i => i.Id == itemId);

    /// <summary>The rater's own answers for an item, in their screen terms.</summary>
    public Dictionary<string, string> AnswersOf(Guid raterId, RaterSlot slot)
    {
        var protocol = Protocol;
        return Ratings.Where(r => r.RaterId == raterId && r.ItemId == slot.ItemId).ToDictionary(r => r.Criterion, r =>
        {
            var criterion = protocol.FindCriterion(r.Criterion)!;
            var screen = protocol.Shape == ItemShape.Pair ? MedGenPairwise.ToScreen((PairOutcome)r.Value, slot.Swapped) : r.Value;
            return criterion.Level(screen).Key;
        });
    }

    /// <summary>How many of the rater's tasks have every criterion rated.</summary>
    public int CompletedBy(Guid raterId)
    {
        var criteria = Protocol.Criteria.Count;
        return Ratings.Where(r => r.RaterId == raterId).GroupBy(r => r.ItemId).Count(g => g.Select(r => r.Criterion).Distinct().Count() == criteria);
    }

    public void RequireCreated()
    {
        if (!Created) throw new EntityNotFoundException("The rating campaign does not exist.");
    }

    /// <summary>Found by team (researchers' lists) and by rater (a rater's own campaigns).</summary>
    public IEnumerable<GrainIndexEntry> IndexEntries() => Created
        ? Raters.Select(r => new GrainIndexEntry("rater", r.UserId.ToString())).Prepend(new GrainIndexEntry("team", TeamId.ToString()))
        : [];
}
