using MedVid.Grains.Abstractions;
using MedVid.Grains.Datasets;
using MedVid.Grains.Runtime;
using MedVid.Grains.Teams;
using MedVid.Rating.Protocols;
using MedVid.Rating.Statistics;

using Orleans;

namespace MedVid.Grains.Rating;

[GrainType(GrainTypeNames.RatingCampaign)]
public sealed class RatingCampaignGrain(TimeProvider clock, IGrainFactory grains) : StatefulGrain<RatingCampaignState>, IRatingCampaignGrain
{
    public async Task<RatingCampaignView> CreateAsync(Guid teamId, Guid createdBy, RatingCampaignSpec spec)
    {
        if (spec is null) throw new InvalidGrainArgumentException("A campaign specification is required.");
        if (State.Created) throw new IllegalTransitionException("The rating campaign already exists.");
        spec.Validate(teamId);
        var team = await grains.GetGrain<ITeamGrain>(teamId).GetAsync();
        var members = team.Members.ToDictionary(m => m.UserId, m => m.UserName);
        var stranger = spec.Raters.FirstOrDefault(r => !members.ContainsKey(r));
        if (stranger != Guid.Empty) throw new InvalidGrainArgumentException($"Rater {stranger} is not a member of the team.");
        var blobs = await ResolveBlobsAsync(teamId, spec);
        State.Create(Key, teamId, createdBy, spec, blobs, members, clock.GetUtcNow());
        await WriteStateAsync();
        return View();
    }

    public Task<IReadOnlyList<VideoExpertScore>> GetVideoScoresAsync()
    {
        State.RequireCreated();
        return Task.FromResult(CampaignExport.VideoScores(State));
    }

    public Task<CampaignVerdicts> GetVerdictsAsync(double? minimumMean)
    {
        State.RequireCreated();
        try
        {
            var ratings = State.Ratings.Select(r => new AnalysisRating(r.ItemId.ToString(), r.RaterId.ToString(), r.Criterion, r.Value)).ToList();
            var verdicts = ItemAcceptance.Decide(State.Protocol, [.. State.Items.OrderBy(i => i.Index).Select(i => i.Id.ToString())], ratings, State.RatersPerItem, minimumMean);
            return Task.FromResult(new CampaignVerdicts(State.Status, verdicts));
        }
        catch (ArgumentException e)
        {
            throw new InvalidGrainArgumentException(e.Message);
        }
    }

    public Task<RatingCampaignView> GetAsync()
    {
        State.RequireCreated();
        return Task.FromResult(View());
    }

    public Task<RatingCampaignSummary> GetSummaryAsync()
    {
        State.RequireCreated();
        return Task.FromResult(new RatingCampaignSummary(Key, State.TeamId, State.Name, State.ProtocolId, State.Status, State.Items.Count, State.RatersPerItem,
            State.Raters.Select(r => r.UserId).ToList(), State.Raters.Sum(r => r.Tasks.Count), State.Raters.Sum(r => State.CompletedBy(r.UserId)),
            State.CreatedAt, State.ClosedAt));
    }

    public Task<RaterCampaignSummary> GetRaterSummaryAsync(Guid raterId)
    {
        var rater = State.RequireRater(raterId);
        return Task.FromResult(new RaterCampaignSummary(Key, State.Name, State.ProtocolId, State.Status, rater.Tasks.Count, State.CompletedBy(raterId)));
    }

    public Task<RaterQueueView> GetQueueAsync(Guid raterId)
    {
        var rater = State.RequireRater(raterId);
        var tasks = rater.Tasks.Select((slot, i) => BlindTask(raterId, slot, i, rater.Tasks.Count)).ToList();
        return Task.FromResult(
            new RaterQueueView(Key, State.Name, State.Protocol, State.Status, tasks.Count, tasks.Count(t => t.Complete), tasks));
    }

    public Task<RaterTask?> GetNextTaskAsync(Guid raterId)
    {
        var rater = State.RequireRater(raterId);
        var next = rater.Tasks.Select((slot, i) => BlindTask(raterId, slot, i, rater.Tasks.Count)).FirstOrDefault(t => !t.Complete);
        return Task.FromResult(next);
    }

    public Task<RaterTask> GetTaskAsync(Guid raterId, Guid itemId) => Task.FromResult(TaskOf(raterId, itemId));

    public async Task<RaterTask> SubmitAsync(Guid raterId, Guid itemId, IReadOnlyDictionary<string, string> ratings)
    {
        State.Submit(raterId, itemId, ratings, clock.GetUtcNow());
        await WriteStateAsync();
        return TaskOf(raterId, itemId);
    }

    public Task<string> GetMediaBlobAsync(Guid raterId, Guid itemId, string side) =>
        Task.FromResult(State.MediaBlob(raterId, itemId, side));

    public Task<RatingResultsView> GetResultsAsync()
    {
        State.RequireCreated();
        return Task.FromResult(new RatingResultsView(Key, State.Name, State.Status, RaterViews(), CampaignExport.Analyze(State)));
    }

    public Task<string> ExportCsvAsync()
    {
        State.RequireCreated();
        return Task.FromResult(CampaignExport.Csv(Key, State));
    }

    public async Task<RatingCampaignView> CloseAsync()
    {
        State.Close(clock.GetUtcNow());
        await WriteStateAsync();
        return View();
    }

    /// <summary>
    /// The blob each video streams from. Dataset videos are looked up in their dataset (which must be the team's and
    /// have the video ingested); clip and generated paths were checked against the team's prefix by the spec.
    /// </summary>
    private async Task<IReadOnlyList<IReadOnlyList<string>>> ResolveBlobsAsync(Guid teamId, RatingCampaignSpec spec)
    {
        var datasets = new Dictionary<Guid, DatasetView>();
        var result = new List<IReadOnlyList<string>>();
        for (var i = 0; i < spec.Items.Count; i++)
        {
            var paths = new List<string>();
            foreach (var video in spec.Items[i].Videos)
            {
                if (video.DatasetId is { } datasetId)
                {
                    if (!datasets.TryGetValue(datasetId, out var dataset))
                        datasets[datasetId] = dataset = await DatasetOfTeamAsync(teamId, datasetId, i + 1);
                    if (video.Source == VideoSourceKind.DatasetVideo)
                    {
                        var source = dataset.Videos.FirstOrDefault(v => v.Id == video.VideoId)
                            ?? throw new InvalidGrainArgumentException($"Item {i + 1}: video {video.VideoId} is not in dataset {datasetId}.");
                        paths.Add(source.ProxyBlob ?? throw new InvalidGrainArgumentException(
                            $"Item {i + 1}: video {video.VideoId} has no browser proxy yet ({source.Status.ToString().ToLowerInvariant()})."));
                        continue;
                    }
                    if (video.DatasetVersion is { } version && dataset.Versions.All(v => v.Number != version))
                        throw new InvalidGrainArgumentException($"Item {i + 1}: dataset {datasetId} has no version {version}.");
                }
                paths.Add(video.BlobPath!);
            }
            result.Add(paths);
        }
        return result;
    }

    // Another team's dataset reads exactly like a missing one, and both are a bad item (400), not a missing campaign.
    private async Task<DatasetView> DatasetOfTeamAsync(Guid teamId, Guid datasetId, int item)
    {
        try
        {
            var dataset = await grains.GetGrain<IDatasetGrain>(datasetId).GetAsync();
            if (dataset.TeamId == teamId) return dataset;
        }
        catch (EntityNotFoundException)
        {
        }
        throw new InvalidGrainArgumentException($"Item {item}: dataset {datasetId} does not exist in this team.");
    }

    private RaterTask TaskOf(Guid raterId, Guid itemId)
    {
        var rater = State.RequireRater(raterId);
        var slot = State.RequireSlot(raterId, itemId);
        return BlindTask(raterId, slot, rater.Tasks.IndexOf(slot), rater.Tasks.Count);
    }

    /// <summary>The blinded task: nothing here may name a model, checkpoint, run, dataset or blob.</summary>
    private RaterTask BlindTask(Guid raterId, RaterSlot slot, int index, int total)
    {
        var item = State.Item(slot.ItemId);
        string[] sides = State.Protocol.Shape == ItemShape.Pair ? [RaterMedia.Left, RaterMedia.Right] : [RaterMedia.Video];
        var answers = State.AnswersOf(raterId, slot);
        return new RaterTask(Key, item.Id, index + 1, total, item.Prompt, item.Label,
            sides.Select(s => new RaterMedia(s, RaterMedia.UrlOf(Key, item.Id, s))).ToList(), answers, answers.Count == State.Protocol.Criteria.Count);
    }

    private List<CampaignRaterView> RaterViews() =>
        State.Raters.Select(r => new CampaignRaterView(r.UserId, r.UserName, r.Tasks.Count, State.CompletedBy(r.UserId))).ToList();

    private RatingCampaignView View() => new(
        Key, State.TeamId, State.Name, State.ProtocolId, State.Status, State.RatersPerItem, State.CreatedBy, State.CreatedAt, State.ClosedAt,
        State.Ratings.Count, RaterViews(),
        State.Items.Select(i => new CampaignItemView(i.Id, i.Index, i.Prompt, i.Label, i.Videos.Select(v => new CampaignVideoView(
            v.Source, v.DatasetId, v.VideoId, v.DatasetVersion, v.BlobPath, v.Model, v.Checkpoint, v.RunId, v.System)).ToList(), GoldView(i))).ToList());

    private Dictionary<string, string>? GoldView(CampaignItem item) =>
        item.Gold?.ToDictionary(g => g.Key, g => GoldAnswers.Key(State.Protocol, State.Protocol.FindCriterion(g.Key)!, g.Value));
}
