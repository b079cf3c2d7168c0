using System.Net.Http.Headers;

namespace MedVid.Platform.FunctionalTests;

/// <summary>
/// Rating campaigns through the API: team A's admin (a researcher, not a rater) creates campaigns over two ingested
/// videos of A; two raters of A rate them blind; team B (an outsider's own team) can neither see nor rate them.
/// </summary>
public sealed class RatingCampaignsApiTests(RatingCampaignsApiTests.RatingTeams app) : IClassFixture<RatingCampaignsApiTests.RatingTeams>
{
    public const string Model = "medvid-tiny";
    public const string Checkpoint = "step-00100";

    public sealed class RatingTeams : SqliteApp
    {
        public Guid Dataset { get; private set; }
        public JsonObject[] Videos { get; private set; } = [];
        public ApiClient Rita { get; private set; } = null!;
        public ApiClient Raul { get; private set; } = null!;
        public Guid RitaId { get; private set; }
        public Guid RaulId { get; private set; }
        public ApiClient B { get; private set; } = null!;
        public JsonObject VideoOfB { get; private set; } = null!;
        public Guid DatasetOfB { get; private set; }

        protected override async Task SeedAsync()
        {
            Dataset = Guid.Parse((string)(await Admin.CreateDatasetAsync("rating sources"))["id"]!);
            Videos = [await Admin.UploadReadyAsync(Dataset, await TestVideos.TestPatternMp4(), "a.mp4"), await Admin.UploadReadyAsync(Dataset, await TestVideos.TestPatternMp4(), "b.mp4")];
            (Rita, RitaId) = await RaterAsync("rita");
            (Raul, RaulId) = await RaterAsync("raul");
            B = await OutsiderAsync("outsider-otto");
            DatasetOfB = Guid.Parse((string)(await B.CreateDatasetAsync("B's dataset"))["id"]!);
            VideoOfB = await B.UploadReadyAsync(DatasetOfB, await TestVideos.TestPatternMp4(), "b-own.mp4");
        }

        private async Task<(ApiClient, Guid)> RaterAsync(string userName)
        {
            const string password = "rater-password-1";
            (await Admin.PutJsonAsync("/api/v1/teams/current/members", new { userName, role = "rater", password })).EnsureSuccessStatusCode();
            var client = await LoginAsync(userName, password);
            return (client, Guid.Parse((string)(await client.GetJsonAsync<JsonObject>("/api/v1/auth/me"))["userId"]!));
        }
    }

    private ApiClient Admin => app.Admin;

    private object DatasetVideo(int index, string model = Model, string? checkpoint = Checkpoint) =>
        new { source = "DatasetVideo", datasetId = app.Dataset, videoId = (string)app.Videos[index]["id"]!, model, checkpoint };

    private object Generated(int index, string model) => new { source = "Generated", blobPath = (string)app.Videos[index]["proxyBlob"]!, model };

    private object OphoraSpec(string name = "Cataract phases, round 1", int ratersPerItem = 2, object? items = null, object? raters = null) => new
    {
        name, protocol = "ophora-seven-criteria", ratersPerItem,
        raters = raters ?? new[] { app.RitaId, app.RaulId },
        items = items ?? new object[]
        {
            new { videos = new[] { DatasetVideo(0) }, prompt = "Incision, then =capsulorhexis, with forceps", label = "incision" },
            new { videos = new[] { DatasetVideo(1, "real", null) }, prompt = "Phacoemulsification", label = "phaco" },
        },
    };

    private async Task<Guid> CreateAsync(object spec) =>
        Guid.Parse((string)(await Admin.PostJsonAsync<JsonObject>("/api/v1/rating-campaigns", spec))["id"]!);

    private static Dictionary<string, string> AllSeven(string level) =>
        new[] { "phase-matching", "phase-completeness", "construction-realism", "construction-stability", "action-realism", "action-logic", "action-effectiveness" }
            .ToDictionary(c => c, _ => level);

    [Fact]
    public async Task Raters_rate_their_queue_and_researchers_get_results_and_csv()
    {
        var id = await CreateAsync(OphoraSpec());
        var queue = await app.Rita.GetJsonAsync<JsonObject>($"/api/v1/rating-campaigns/{id}/queue");
        Assert.Equal((2, 0), ((int)queue["total"]!, (int)queue["completed"]!));
        Assert.Equal(7, queue["protocol"]!["criteria"]!.AsArray().Count);

        foreach (var (rater, level) in new[] { (app.Rita, "3"), (app.Raul, "2") })
        {
            while (await rater.GetAsync($"/api/v1/rating-campaigns/{id}/tasks/next") is { StatusCode: HttpStatusCode.OK } response)
            {
                var task = await ApiClient.ReadAsync<JsonObject>(response, HttpStatusCode.OK);
                var url = $"/api/v1/rating-campaigns/{id}/tasks/{(string)task["itemId"]!}/ratings";
                var saved = await ApiClient.ReadAsync<JsonObject>(await rater.PutJsonAsync(url, new { ratings = AllSeven("0") }), HttpStatusCode.OK);
                Assert.True((bool)saved["complete"]!);
                // Re-rating replaces the earlier answer rather than adding a second one.
                saved = await ApiClient.ReadAsync<JsonObject>(await rater.PutJsonAsync(url, new { ratings = AllSeven(level) }), HttpStatusCode.OK);
                Assert.Equal(level, (string?)saved["ratings"]!["action-logic"]);
            }
        }
        Assert.Equal(HttpStatusCode.NoContent, (await app.Rita.GetAsync($"/api/v1/rating-campaigns/{id}/tasks/next")).StatusCode);

        var results = await Admin.GetJsonAsync<JsonObject>($"/api/v1/rating-campaigns/{id}/results");
        Assert.Equal((28, 2), ((int)results["results"]!["ratingCount"]!, (int)results["results"]!["completeItemCount"]!));
        var mean = results["results"]!["means"]!.AsArray()
            .Single(m => (string?)m!["system"] == $"{Model}@{Checkpoint}" && m["label"] is null && (string?)m["criterion"] == "phase-matching")!;
        Assert.Equal(2.5, (double)mean["mean"]!);
        var kappa = results["results"]!["cohenKappas"]!.AsArray().First()!;
        Assert.Equal("linear", (string?)kappa["weighting"]);
        Assert.Contains("linear", (string?)results["results"]!["methods"]!["cohenKappa"]);

        using var csv = await Admin.GetAsync($"/api/v1/rating-campaigns/{id}/results.csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", csv.Content.Headers.ContentDisposition?.DispositionType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1 + 28, lines.Length);
        Assert.StartsWith("campaign_id,item_id,", lines[0]);
        Assert.Contains(lines, l => l.Contains("\"Incision, then =capsulorhexis, with forceps\"") && l.Contains(Model) && l.Contains(Checkpoint));
    }

    [Fact]
    public async Task A_raters_view_names_no_model_checkpoint_dataset_or_blob_and_media_streams_with_ranges()
    {
        var id = await CreateAsync(OphoraSpec("Blinded round"));
        var queue = await app.Raul.GetAsync($"/api/v1/rating-campaigns/{id}/queue");
        var next = await app.Raul.GetAsync($"/api/v1/rating-campaigns/{id}/tasks/next");
        var assigned = await app.Raul.GetAsync("/api/v1/rating-campaigns/assigned");
        var forbidden = new[] { Model, Checkpoint, "real", app.Dataset.ToString(), app.Dataset.ToString("N"), (string)app.Videos[0]["id"]!, "teams/", "proxy" };
        foreach (var response in new[] { queue, next, assigned })
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            foreach (var secret in forbidden)
                Assert.False(body.Contains($"\"{secret}\"") || body.Contains(secret + "@") || (secret.Length > 5 && body.Contains(secret)), $"{secret} leaked in {body}");
        }
        var task = JsonNode.Parse(await next.Content.ReadAsStringAsync())!;
        var media = (string)task["media"]![0]!["url"]!;
        Assert.Equal($"/api/v1/rating-campaigns/{id}/tasks/{(string)task["itemId"]!}/media/video", media);

        var request = new HttpRequestMessage(HttpMethod.Get, media);
        request.Headers.Range = new RangeHeaderValue(0, 99);
        using var partial = await app.Raul.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(100, (await partial.Content.ReadAsByteArrayAsync()).Length);
        Assert.Equal("bytes", partial.Headers.AcceptRanges.Single());
        using var head = await app.Raul.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, media));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        await ApiClient.ProblemAsync(await app.Raul.GetAsync(media.Replace("/video", "/left")), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Pairwise_choices_are_stored_in_the_items_terms_and_tallied_per_model_pair()
    {
        var id = await CreateAsync(new
        {
            name = "Pairwise round", protocol = "medgen-pairwise", ratersPerItem = 2, raters = new[] { app.RitaId, app.RaulId },
            items = new[] { new { videos = new[] { Generated(0, "model-x"), Generated(1, "model-y") }, prompt = "An echo of a beating heart" } },
        });
        foreach (var rater in new[] { app.Rita, app.Raul })
        {
            var task = await rater.GetJsonAsync<JsonObject>($"/api/v1/rating-campaigns/{id}/tasks/next");
            Assert.Equal(["left", "right"], task["media"]!.AsArray().Select(m => (string)m!["side"]!));
            var ratings = new { ratings = new Dictionary<string, string> { ["text-alignment"] = "left", ["medical-accuracy"] = "tie", ["visual-quality"] = "both-lose" } };
            var saved = await ApiClient.ReadAsync<JsonObject>(await rater.PutJsonAsync($"/api/v1/rating-campaigns/{id}/tasks/{(string)task["itemId"]!}/ratings", ratings), HttpStatusCode.OK);
            Assert.Equal("left", (string?)saved["ratings"]!["text-alignment"]); // shown back in the rater's own terms
        }
        var tallies = (await Admin.GetJsonAsync<JsonObject>($"/api/v1/rating-campaigns/{id}/results"))["results"]!["pairwise"]!.AsArray();
        var text = tallies.Single(t => (string?)t!["criterion"] == "text-alignment")!;
        Assert.Equal(("model-x", "model-y", 2), ((string)text["systemA"]!, (string)text["systemB"]!, (int)text["judgements"]!));
        Assert.Equal(2, (int)text["winsA"]! + (int)text["winsB"]!);
        Assert.Equal(2, (int)tallies.Single(t => (string?)t!["criterion"] == "medical-accuracy")!["ties"]!);
        Assert.Equal(1.0, (double)tallies.Single(t => (string?)t!["criterion"] == "visual-quality")!["bothLoseRate"]!);
        var csv = await (await Admin.GetAsync($"/api/v1/rating-campaigns/{id}/results.csv")).Content.ReadAsStringAsync();
        Assert.Equal(2, csv.Split("\r\n").Count(l => l.Contains(",text-alignment,") && l.Contains(",left,")));
    }

    [Fact]
    public async Task A_pairwise_campaign_ranks_its_models_and_scores_its_raters_on_blind_gold_items()
    {
        // The gold pair's known answer is "both lose" on every criterion, which does not depend on the sides a rater sees.
        var gold = new Dictionary<string, string> { ["text-alignment"] = "both-lose", ["medical-accuracy"] = "both-lose", ["visual-quality"] = "both-lose" };
        var id = await CreateAsync(new
        {
            name = "Pairwise round two", protocol = "medgen-pairwise", ratersPerItem = 2, raters = new[] { app.RitaId, app.RaulId },
            items = new object[]
            {
                new { videos = new[] { Generated(0, "model-x"), Generated(1, "model-y") }, prompt = "An echo of a beating heart" },
                new { videos = new[] { Generated(1, "model-x"), Generated(0, "model-y") }, prompt = "An echo of a slow heart" },
                new { videos = new[] { Generated(0, "broken-1"), Generated(1, "broken-2") }, prompt = "An echo of a fast heart", gold },
            },
        });
        var view = await Admin.GetJsonAsync<JsonObject>($"/api/v1/rating-campaigns/{id}");
        Assert.Equal("both-lose", (string?)view["items"]![2]!["gold"]!["visual-quality"]);
        Assert.Null(view["items"]![0]!["gold"]);
        var goldItem = (string)view["items"]![2]!["itemId"]!;
        foreach (var rater in new[] { app.Rita, app.Raul })
        {
            var queue = await (await rater.GetAsync($"/api/v1/rating-campaigns/{id}/queue")).Content.ReadAsStringAsync();
            Assert.DoesNotContain("gold", queue, StringComparison.OrdinalIgnoreCase); // raters cannot tell gold items apart
            Assert.DoesNotContain("broken", queue);
            foreach (var task in JsonNode.Parse(queue)!["tasks"]!.AsArray())
            {
                // Rita recognises the gold pair as both bad; Raul prefers the left video everywhere.
                var itemId = (string)task!["itemId"]!;
                var choice = rater == app.Rita && itemId == goldItem ? "both-lose" : "left";
                var ratings = new { ratings = new Dictionary<string, string> { ["text-alignment"] = choice, ["medical-accuracy"] = choice, ["visual-quality"] = choice } };
                (await rater.PutJsonAsync($"/api/v1/rating-campaigns/{id}/tasks/{itemId}/ratings", ratings)).EnsureSuccessStatusCode();
            }
        }

        var results = (await Admin.GetJsonAsync<JsonObject>($"/api/v1/rating-campaigns/{id}/results"))["results"]!;
        Assert.Equal(1, (int)results["goldItemCount"]!);
        var rankings = results["rankings"]!.AsArray();
        Assert.Equal(3, rankings.Count);
        var visual = rankings.Single(r => (string?)r!["criterion"] == "visual-quality")!;
        Assert.Equal(["model-x", "model-y"], visual["systems"]!.AsArray().Select(s => (string)s!["system"]!).Order()); // the gold pair ranks nothing
        Assert.Equal(4, (int)visual["votesUsed"]!);
        foreach (var system in visual["systems"]!.AsArray())
            Assert.InRange((double)system!["score"]!, (double)system["lower"]!, (double)system["upper"]!);
        var reliability = results["reliability"]!.AsArray();
        var rita = reliability.Single(r => (string?)r!["raterId"] == app.RitaId.ToString())!["accuracy"]!;
        var raul = reliability.Single(r => (string?)r!["raterId"] == app.RaulId.ToString())!["accuracy"]!;
        Assert.Equal((3, 3), ((int)rita["successes"]!, (int)rita["trials"]!));
        Assert.Equal((0, 3), ((int)raul["successes"]!, (int)raul["trials"]!));
        Assert.Contains("Wilson", (string?)results["methods"]!["reliability"]);
        var csv = await (await Admin.GetAsync($"/api/v1/rating-campaigns/{id}/results.csv")).Content.ReadAsStringAsync();
        Assert.EndsWith(",gold_answer", csv.Split("\r\n")[0]);
        Assert.Equal(6, csv.Split("\r\n").Count(l => l.EndsWith(",both-lose")));
    }

    [Fact]
    public async Task Only_assigned_raters_of_the_team_may_rate_or_stream()
    {
        var id = await CreateAsync(OphoraSpec("Access round", ratersPerItem: 1, raters: new[] { app.RitaId }));
        var task = await app.Rita.GetJsonAsync<JsonObject>($"/api/v1/rating-campaigns/{id}/tasks/next");
        var itemUrl = $"/api/v1/rating-campaigns/{id}/tasks/{(string)task["itemId"]!}";

        // A team member who is not a rater of this campaign: 403 (the admin is a researcher, raul a rater elsewhere).
        foreach (var member in new[] { Admin, app.Raul })
        {
            await ApiClient.ProblemAsync(await member.GetAsync($"/api/v1/rating-campaigns/{id}/queue"), HttpStatusCode.Forbidden, "not a rater");
            await ApiClient.ProblemAsync(await member.PutJsonAsync($"{itemUrl}/ratings", new { ratings = AllSeven("1") }), HttpStatusCode.Forbidden);
            await ApiClient.ProblemAsync(await member.GetAsync($"{itemUrl}/media/video"), HttpStatusCode.Forbidden);
        }
        // Another team: 404 everywhere, like an unknown id.
        foreach (var url in new[] { $"/api/v1/rating-campaigns/{id}", $"/api/v1/rating-campaigns/{id}/queue", $"/api/v1/rating-campaigns/{id}/tasks/next", $"{itemUrl}/media/video" })
            await ApiClient.ProblemAsync(await app.B.GetAsync(url), HttpStatusCode.NotFound);
        await ApiClient.ProblemAsync(await app.B.PutJsonAsync($"{itemUrl}/ratings", new { ratings = AllSeven("1") }), HttpStatusCode.NotFound);
        Assert.DoesNotContain(await app.B.GetJsonAsync<JsonArray>("/api/v1/rating-campaigns"), c => (string?)c!["id"] == id.ToString());
        // A rater cannot use the researchers' endpoints.
        foreach (var url in new[] { $"/api/v1/rating-campaigns/{id}", $"/api/v1/rating-campaigns/{id}/results", $"/api/v1/rating-campaigns/{id}/results.csv" })
            Assert.Equal(HttpStatusCode.Forbidden, (await app.Rita.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Rita.PostJsonAsync("/api/v1/rating-campaigns", OphoraSpec())).StatusCode);
        // An item not in the rater's queue.
        await ApiClient.ProblemAsync(await app.Rita.GetAsync($"/api/v1/rating-campaigns/{id}/tasks/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        Assert.Contains(await app.Rita.GetJsonAsync<JsonArray>("/api/v1/rating-campaigns/assigned"), c => (string?)c!["campaignId"] == id.ToString());

        // Closing ends rating: 409.
        (await Admin.PostJsonAsync($"/api/v1/rating-campaigns/{id}/close", new { })).EnsureSuccessStatusCode();
        await ApiClient.ProblemAsync(await app.Rita.PutJsonAsync($"{itemUrl}/ratings", new { ratings = AllSeven("1") }), HttpStatusCode.Conflict, "closed");
    }

    public static TheoryData<string> BadSpecs() => ["unknown protocol", "rater not in team", "raters per item", "empty items", "other team's video",
        "blob outside team", "missing blob", "distortion needs three", "name names a model", "pair needs two videos", "gold answer not a level"];

    [Theory]
    [MemberData(nameof(BadSpecs))]
    public async Task Bad_campaigns_are_refused_with_400(string bad)
    {
        var (spec, message) = bad switch
        {
            "unknown protocol" => (new { name = "x", protocol = "likert-9", ratersPerItem = 1, raters = new[] { app.RitaId }, items = new[] { new { videos = new[] { DatasetVideo(0) } } } },
                "Unknown protocol 'likert-9'"),
            "rater not in team" => (OphoraSpec(raters: new[] { app.RitaId, Guid.NewGuid() }), "is not a member of the team"),
            "raters per item" => (OphoraSpec(ratersPerItem: 3), "ratersPerItem must be between 1 and the number of raters (2)"),
            "empty items" => (OphoraSpec(items: Array.Empty<object>()), "at least one item"),
            "other team's video" => (OphoraSpec(items: new[] { new { videos = new[] { new { source = "DatasetVideo", datasetId = app.DatasetOfB, videoId = (string)app.VideoOfB["id"]!, model = "m" } } } }),
                "does not exist in this team"),
            "blob outside team" => (OphoraSpec(items: new[] { new { videos = new[] { new { source = "Generated", blobPath = (string)app.VideoOfB["proxyBlob"]!, model = "m" } } } }),
                "not a blob of this team"),
            "missing blob" => (OphoraSpec(items: new[] { new { videos = new[] { new { source = "Generated", blobPath = $"{Admin.BlobPrefix}generated/none.mp4", model = "m" } } } }),
                "does not exist"),
            "distortion needs three" => ((object)new { name = "d", protocol = "medgen-distortion", ratersPerItem = 2, raters = new[] { app.RitaId, app.RaulId }, items = new[] { new { videos = new[] { DatasetVideo(0) } } } },
                "exactly 3 raters per item"),
            "name names a model" => (OphoraSpec(name: $"{Model} vs real"), "Blinding"),
            "gold answer not a level" => (OphoraSpec(items: new[] { new { videos = new[] { DatasetVideo(0) }, gold = new Dictionary<string, string> { ["phase-matching"] = "best" } } }),
                "Item 1: 'best' is not a level of phase-matching"),
            _ => (new { name = "p", protocol = "medgen-pairwise", ratersPerItem = 1, raters = new[] { app.RitaId }, items = new[] { new { videos = new[] { DatasetVideo(0) } } } },
                "needs 2 video(s) per item"),
        };
        var before = (await Admin.GetJsonAsync<JsonArray>("/api/v1/rating-campaigns")).Count;
        await ApiClient.ProblemAsync(await Admin.PostJsonAsync("/api/v1/rating-campaigns", spec), HttpStatusCode.BadRequest, message);
        Assert.Equal(before, (await Admin.GetJsonAsync<JsonArray>("/api/v1/rating-campaigns")).Count);
    }

    [Theory]
    [InlineData("phase-matching", "7", "'7' is not a level of phase-matching; levels: 0, 1, 2, 3")]
    [InlineData("phase-matching", "-1", "is not a level")]
    [InlineData("beauty", "2", "Unknown criterion 'beauty'")]
    public async Task Bad_ratings_are_refused_with_400_and_store_nothing(string criterion, string level, string message)
    {
        var id = await CreateAsync(OphoraSpec($"Bad ratings {criterion} {level}", ratersPerItem: 1, raters: new[] { app.RaulId }));
        var task = await app.Raul.GetJsonAsync<JsonObject>($"/api/v1/rating-campaigns/{id}/tasks/next");
        var url = $"/api/v1/rating-campaigns/{id}/tasks/{(string)task["itemId"]!}/ratings";
        var ratings = new Dictionary<string, string> { ["action-logic"] = "2", [criterion] = level };
        await ApiClient.ProblemAsync(await app.Raul.PutJsonAsync(url, new { ratings }), HttpStatusCode.BadRequest, message);
        await ApiClient.ProblemAsync(await app.Raul.PutJsonAsync(url, new { ratings = new Dictionary<string, string>() }), HttpStatusCode.BadRequest, "at least one rating");
        Assert.Equal(0, (int)(await Admin.GetJsonAsync<JsonObject>($"/api/v1/rating-campaigns/{id}"))["ratingCount"]!);
    }
}
