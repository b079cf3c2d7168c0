using MedVid.Grains.Rating;
using MedVid.Rating.Protocols;

namespace MedVid.Grains.UnitTests.Rating;

public sealed class RatingCampaignStateTests
{
    private static readonly Guid Team = Guid.NewGuid();
    private static readonly Guid Ana = Guid.NewGuid();
    private static readonly Guid Ben = Guid.NewGuid();
    private static readonly Dictionary<Guid, string> Names = new() { [Ana] = "ana", [Ben] = "ben" };

    private static CampaignVideoSpec Video(string model, string? checkpoint = null) =>
        new(VideoSourceKind.Generated, null, null, null, $"teams/{Team:N}/generated/{model}-{Guid.NewGuid():N}.mp4", model, checkpoint, null);

    public static RatingCampaignSpec Spec(string protocol, int items = 4, int ratersPerItem = 2)
    {
        var pair = protocol == MedGenPairwise.Id;
        return new RatingCampaignSpec("Round 1", protocol,
            [.. Enumerable.Range(0, items).Select(i => new CampaignItemSpec(pair ? [Video("alpha"), Video("beta")] : [Video("alpha", "step-10")], $"prompt {i}", i % 2 == 0 ? "incision" : null))],
            [Ana, Ben], ratersPerItem);
    }

    private static RatingCampaignState Created(string protocol, int items = 4, int ratersPerItem = 2, Guid? id = null)
    {
        var spec = Spec(protocol, items, ratersPerItem);
        var state = new RatingCampaignState();
        state.Create(id ?? Guid.NewGuid(), Team, Ana, spec, spec.Items.Select(i => (IReadOnlyList<string>)i.Videos.Select(v => v.BlobPath!).ToList()).ToList(), Names, TestClock.Now);
        return state;
    }

    [Fact]
    public void A_new_campaign_is_open_dealt_to_its_raters_and_indexed_by_team_and_rater()
    {
        var state = Created(OphoraSevenCriteria.Id);
        Assert.Equal(CampaignStatus.Open, state.Status);
        Assert.All(state.Raters, r => Assert.Equal(4, r.Tasks.Count)); // 2 raters per item, 2 raters: everyone rates everything
        Assert.All(state.Raters.SelectMany(r => r.Tasks), t => Assert.False(t.Swapped)); // single videos have no sides
        Assert.Equal(
            [new GrainIndexEntry("team", Team.ToString()), new GrainIndexEntry("rater", Ana.ToString()), new GrainIndexEntry("rater", Ben.ToString())],
            state.IndexEntries());
        Assert.Equal("alpha@step-10", state.Items[0].Videos[0].System);
        Assert.Throws<IllegalTransitionException>(() =>
            state.Create(Guid.NewGuid(), Team, Ana, Spec(OphoraSevenCriteria.Id), [], Names, TestClock.Now));
    }

    [Fact]
    public void Item_ids_and_queues_are_stable_for_the_same_campaign_id()
    {
        var id = Guid.NewGuid();
        var first = Created(MedGenPairwise.Id, items: 20, id: id);
        var again = Created(MedGenPairwise.Id, items: 20, id: id);
        Assert.Equal(first.Items.Select(i => i.Id), again.Items.Select(i => i.Id));
        Assert.Equal(first.Raters[0].Tasks.Select(t => (t.ItemId, t.Swapped)), again.Raters[0].Tasks.Select(t => (t.ItemId, t.Swapped)));
        Assert.NotEqual(first.Raters[0].Tasks.Select(t => t.ItemId), first.Raters[1].Tasks.Select(t => t.ItemId));
        Assert.Contains(first.Raters[0].Tasks, t => t.Swapped);
    }

    [Fact]
    public void Submitting_again_replaces_per_criterion_and_keeps_the_others()
    {
        var state = Created(OphoraSevenCriteria.Id);
        var item = state.Raters[0].Tasks[0].ItemId;
        state.Submit(Ana, item, new Dictionary<string, string> { ["phase-matching"] = "1", ["action-logic"] = "2" }, TestClock.Now);
        state.Submit(Ana, item, new Dictionary<string, string> { ["phase-matching"] = "3" }, TestClock.Now.AddMinutes(1));
        Assert.Equal(2, state.Ratings.Count);
        Assert.Equal(new Dictionary<string, string> { ["phase-matching"] = "3", ["action-logic"] = "2" }, state.AnswersOf(Ana, state.RequireSlot(Ana, item)));
        Assert.Equal(0, state.CompletedBy(Ana));
        state.Submit(Ana, item, OphoraSevenCriteria.Protocol.Criteria.ToDictionary(c => c.Id, _ => "2"), TestClock.Now);
        Assert.Equal((7, 1), (state.Ratings.Count, state.CompletedBy(Ana)));
    }

    [Fact]
    public void A_bad_answer_stores_nothing_of_the_submission()
    {
        var state = Created(OphoraSevenCriteria.Id);
        var item = state.Raters[0].Tasks[0].ItemId;
        var error = Assert.Throws<InvalidGrainArgumentException>(() =>
            state.Submit(Ana, item, new Dictionary<string, string> { ["phase-matching"] = "2", ["action-logic"] = "4" }, TestClock.Now));
        Assert.Equal("'4' is not a level of action-logic; levels: 0, 1, 2, 3.", error.Message);
        Assert.Empty(state.Ratings);
        Assert.Throws<InvalidGrainArgumentException>(() => state.Submit(Ana, item, new Dictionary<string, string> { ["looks"] = "2" }, TestClock.Now));
        Assert.Throws<InvalidGrainArgumentException>(() => state.Submit(Ana, item, new Dictionary<string, string>(), TestClock.Now));
    }

    [Fact]
    public void Strangers_and_unassigned_items_are_not_found()
    {
        var state = Created(OphoraSevenCriteria.Id, items: 4, ratersPerItem: 1);
        var anasItem = state.Raters[0].Tasks[0].ItemId;
        Assert.Equal("You are not a rater of this campaign.",
            Assert.Throws<EntityNotFoundException>(() => state.Submit(Guid.NewGuid(), anasItem, new Dictionary<string, string> { ["phase-matching"] = "1" }, TestClock.Now)).Message);
        Assert.Equal("The task does not exist.",
            Assert.Throws<EntityNotFoundException>(() => state.Submit(Ben, anasItem, new Dictionary<string, string> { ["phase-matching"] = "1" }, TestClock.Now)).Message);
        Assert.Throws<EntityNotFoundException>(() => state.MediaBlob(Ben, anasItem, RaterMedia.Video));
    }

    [Fact]
    public void Pair_choices_are_stored_in_the_items_terms_and_media_follow_the_raters_sides()
    {
        var state = Created(MedGenPairwise.Id, items: 20);
        var swapped = state.Raters[0].Tasks.First(t => t.Swapped);
        var straight = state.Raters[0].Tasks.First(t => !t.Swapped);
        var left = new Dictionary<string, string> { ["visual-quality"] = "left" };
        state.Submit(Ana, swapped.ItemId, left, TestClock.Now);
        state.Submit(Ana, straight.ItemId, left, TestClock.Now);
        Assert.Equal((int)PairOutcome.BWins, state.Ratings.Single(r => r.ItemId == swapped.ItemId).Value);
        Assert.Equal((int)PairOutcome.AWins, state.Ratings.Single(r => r.ItemId == straight.ItemId).Value);
        Assert.Equal("left", state.AnswersOf(Ana, swapped)["visual-quality"]); // shown back as the rater chose it
        var item = state.Item(swapped.ItemId);
        Assert.Equal(item.Videos[1].BlobPath, state.MediaBlob(Ana, swapped.ItemId, RaterMedia.Left));
        Assert.Equal(item.Videos[0].BlobPath, state.MediaBlob(Ana, swapped.ItemId, RaterMedia.Right));
        Assert.Throws<EntityNotFoundException>(() => state.MediaBlob(Ana, swapped.ItemId, RaterMedia.Video));
    }

    [Fact]
    public void A_gold_pair_is_dealt_like_any_item_and_a_raters_screen_choice_is_scored_in_the_items_terms()
    {
        var spec = Spec(MedGenPairwise.Id, items: 20, ratersPerItem: 2);
        var gold = new Dictionary<string, string> { ["visual-quality"] = "a-wins" };
        spec = spec with { Items = [.. spec.Items.Select((item, i) => i < 10 ? item with { Gold = gold } : item)] };
        var state = new RatingCampaignState();
        state.Create(Guid.NewGuid(), Team, Ana, spec, spec.Items.Select(i => (IReadOnlyList<string>)i.Videos.Select(v => v.BlobPath!).ToList()).ToList(), Names, TestClock.Now);
        Assert.Equal((int)PairOutcome.AWins, state.Items[0].Gold!["visual-quality"]);
        Assert.Null(state.Items[10].Gold);
        Assert.Equal(20, state.Raters[0].Tasks.Count);

        // Ana picks the side A is shown on (right answer); Ben always picks left, so he is right where A is on his left.
        var goldItems = state.Items.Take(10).Select(i => i.Id).ToHashSet();
        foreach (var slot in state.Raters[0].Tasks.Where(t => goldItems.Contains(t.ItemId)))
            state.Submit(Ana, slot.ItemId, new Dictionary<string, string> { ["visual-quality"] = slot.Swapped ? "right" : "left" }, TestClock.Now);
        var bensSlots = state.Raters[1].Tasks.Where(t => goldItems.Contains(t.ItemId)).ToList();
        foreach (var slot in bensSlots) state.Submit(Ben, slot.ItemId, new Dictionary<string, string> { ["visual-quality"] = "left" }, TestClock.Now);

        var results = CampaignExport.Analyze(state);
        Assert.Equal(10, results.GoldItemCount);
        var ana = results.Reliability.Single(r => r.RaterId == Ana.ToString()).Accuracy;
        var ben = results.Reliability.Single(r => r.RaterId == Ben.ToString()).Accuracy;
        Assert.Equal((10, 10), (ana.Successes, ana.Trials));
        Assert.Equal((bensSlots.Count(s => !s.Swapped), 10), (ben.Successes, ben.Trials));
        Assert.Empty(results.Pairwise); // only gold items were rated
        Assert.Contains("a-wins", CampaignExport.Csv(Guid.NewGuid(), state).Split('\n')[1]);
    }

    [Fact]
    public void Closing_is_once_and_ends_rating()
    {
        var state = Created(OphoraSevenCriteria.Id);
        state.Close(TestClock.Now.AddDays(1));
        Assert.Equal((CampaignStatus.Closed, TestClock.Now.AddDays(1)), (state.Status, state.ClosedAt));
        Assert.Throws<IllegalTransitionException>(() => state.Close(TestClock.Now));
        Assert.Throws<IllegalTransitionException>(() =>
            state.Submit(Ana, state.Raters[0].Tasks[0].ItemId, new Dictionary<string, string> { ["phase-matching"] = "1" }, TestClock.Now));
        Assert.Throws<EntityNotFoundException>(() => new RatingCampaignState().Close(TestClock.Now));
    }
}

public sealed class RatingCampaignSpecTests
{
    private static readonly Guid Team = RatingCampaignStateTestsTeam.Id;

    public static TheoryData<string, string> Invalid() => new()
    {
        { "name", "A campaign name must have 1 to 200 characters." },
        { "protocol", "Unknown protocol 'nope'; known: ophora-seven-criteria, medgen-pairwise, medgen-distortion." },
        { "items", "A campaign needs at least one item." },
        { "raters", "A campaign needs at least one rater." },
        { "duplicate rater", "Raters must be distinct user ids." },
        { "per item", "ratersPerItem must be between 1 and the number of raters (2)." },
        { "distortion", "The medgen-distortion protocol needs exactly 3 raters per item (its acceptance rule is two of three)." },
        { "model", "Item 1: every video needs a model name of 1 to 100 characters (e.g. \"real\" for source videos)." },
        { "foreign blob", "Item 1: the video is not a blob of this team." },
        { "dot segment", "Item 1: the video is not a blob of this team." },
        { "clip of other dataset", "Item 1: the clip is not a blob of that dataset of this team." },
        { "prompt names model", "Blinding: item 1's prompt names 'alpha', a model or checkpoint of this campaign; raters see it." },
        { "gold level", "Item 1: '4' is not a level of phase-matching; use 0, 1, 2, 3." },
        { "gold criterion", "Item 1: the gold answer names 'distortion', which is not a criterion of ophora-seven-criteria (phase-matching, phase-completeness, construction-realism, construction-stability, action-realism, action-logic, action-effectiveness)." },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_refuses_each_bad_value(string what, string message)
    {
        var rater = Guid.NewGuid();
        var valid = new RatingCampaignSpec("Round", OphoraSevenCriteria.Id,
            [new CampaignItemSpec([new CampaignVideoSpec(VideoSourceKind.Generated, null, null, null, $"teams/{Team:N}/g/a.mp4", "alpha", null, null)], "an alphabetic prompt", null)],
            [rater, Guid.NewGuid()], 1);
        var video = valid.Items[0].Videos[0];
        var spec = what switch
        {
            "name" => valid with { Name = " " },
            "protocol" => valid with { Protocol = "nope" },
            "items" => valid with { Items = [] },
            "raters" => valid with { Raters = [] },
            "duplicate rater" => valid with { Raters = [rater, rater] },
            "per item" => valid with { RatersPerItem = 3 },
            "distortion" => valid with { Protocol = MedGenDistortion.Id, RatersPerItem = 2 },
            "model" => valid with { Items = [valid.Items[0] with { Videos = [video with { Model = "" }] }] },
            "foreign blob" => valid with { Items = [valid.Items[0] with { Videos = [video with { BlobPath = $"teams/{Guid.NewGuid():N}/g/a.mp4" }] }] },
            "dot segment" => valid with { Items = [valid.Items[0] with { Videos = [video with { BlobPath = $"teams/{Team:N}/../x/a.mp4" }] }] },
            "clip of other dataset" => valid with
            {
                Items = [valid.Items[0] with { Videos = [video with { Source = VideoSourceKind.DatasetClip, DatasetId = Guid.NewGuid() }] }],
            },
            "gold level" => valid with { Items = [valid.Items[0] with { Gold = new Dictionary<string, string> { ["phase-matching"] = "4" } }] },
            "gold criterion" => valid with { Items = [valid.Items[0] with { Gold = new Dictionary<string, string> { ["distortion"] = "0" } }] },
            _ => valid with { Items = [valid.Items[0] with { Prompt = "made by Alpha" }] },
        };
        valid.Validate(Team);
        Assert.Equal(message, Assert.Throws<InvalidGrainArgumentException>(() => spec.Validate(Team)).Message);
    }
}

internal static class RatingCampaignStateTestsTeam
{
    public static readonly Guid Id = Guid.NewGuid();
}
