namespace MedVid.Portal.BrowserTests.Infrastructure;

/// <summary>
/// What the rating tests share in Team A, made once per server: one ingested dataset video (every item reuses it under
/// different model names, which is all blinding and statistics care about) and two more raters besides the fixture's.
/// </summary>
public sealed class RatingWorld
{
    public const string SecondRater = "rating-rater-2";
    public const string ThirdRater = "rating-rater-3";
    public const string RaterPassword = "rating-password-1";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<string, RatingWorld> Worlds = [];

    private RatingWorld(PortalFixture portal) => Portal = portal;

    public PortalFixture Portal { get; }

    public Guid Dataset { get; private set; }

    public Guid Video { get; private set; }

    /// <summary>User ids by user name (the fixture's rater "rita", the researcher "rob", the extra raters).</summary>
    public Dictionary<string, Guid> Users { get; } = [];

    public static async Task<RatingWorld> OfAsync(PortalFixture portal)
    {
        await Gate.WaitAsync();
        try
        {
            if (Worlds.TryGetValue(portal.Server.BaseUrl, out var world)) return world;
            world = new RatingWorld(portal);
            await world.SeedAsync();
            return Worlds[portal.Server.BaseUrl] = world;
        }
        finally
        {
            Gate.Release();
        }
    }

    private async Task SeedAsync()
    {
        foreach (var name in new[] { SecondRater, ThirdRater })
            await Portal.Admin.SendJsonAsync(HttpMethod.Put, "/api/v1/teams/current/members", new { userName = name, role = "rater", password = RaterPassword });
        foreach (var member in (await Portal.Admin.GetJsonAsync("/api/v1/teams/current"))["members"]!.AsArray())
            Users[(string)member!["userName"]!] = Guid.Parse((string)member["userId"]!);
        Dataset = Guid.Parse((string)(await Portal.Admin.SendJsonAsync(HttpMethod.Post, "/api/v1/datasets", new { name = "Rating sources" }))["id"]!);
        Video = await PortalFixture.UploadAsync(Portal.Admin, Dataset, "rating-source.mp4");
    }

    /// <summary>A dataset video of the world under a model (and checkpoint) name.</summary>
    public object VideoAs(string model, string? checkpoint = null) =>
        new { source = "DatasetVideo", datasetId = Dataset, videoId = Video, model, checkpoint };

    /// <summary>Creates an open campaign as the admin (a researcher of Team A); returns its id.</summary>
    public async Task<Guid> CreateCampaignAsync(string name, string protocol, IEnumerable<object> items, IEnumerable<string> raters, int ratersPerItem)
    {
        var created = await Portal.Admin.SendJsonAsync(HttpMethod.Post, "/api/v1/rating-campaigns", new
        {
            name, protocol, items = items.ToList(), raters = raters.Select(r => Users[r]).ToList(), ratersPerItem,
        });
        return Guid.Parse((string)created["id"]!);
    }

    /// <summary>Rates every task of a rater through the API; <paramref name="choose"/> gives the level of (task position, criterion index).</summary>
    public async Task RateAllAsync(Guid campaign, string rater, string[] criteria, Func<int, int, string> choose)
    {
        using var client = await Portal.Server.ApiClientAsync(rater, RaterPassword);
        var queue = await client.GetJsonAsync($"/api/v1/rating-campaigns/{campaign}/queue");
        foreach (var task in queue["tasks"]!.AsArray())
        {
            var position = (int)task!["position"]!;
            var ratings = criteria.Select((c, i) => (c, choose(position, i))).ToDictionary(x => x.c, x => x.Item2);
            await client.SendJsonAsync(HttpMethod.Put, $"/api/v1/rating-campaigns/{campaign}/tasks/{task["itemId"]}/ratings", new { ratings });
        }
    }

    /// <summary>The campaign's stored ratings from its CSV download (researcher side).</summary>
    public async Task<IReadOnlyList<StoredRating>> StoredRatingsAsync(Guid campaign)
    {
        var csv = await Portal.Admin.GetStringAsync($"/api/v1/rating-campaigns/{campaign}/results.csv");
        var rows = Csv.Parse(csv);
        var header = rows[0];
        int Column(string name) => Array.IndexOf(header, name);
        var (item, rater, criterion, value) = (Column("item_id"), Column("rater_id"), Column("criterion"), Column("value"));
        return rows.Skip(1).Select(r => new StoredRating(r[item], r[rater], r[criterion], int.Parse(r[value], System.Globalization.CultureInfo.InvariantCulture))).ToList();
    }
}

public sealed record StoredRating(string ItemId, string RaterId, string Criterion, int Value);

/// <summary>A small RFC 4180 reader (quoted fields with doubled quotes, CRLF rows), enough for the results CSV.</summary>
public static class Csv
{
    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                row.Add(field.ToString());
                field.Clear();
                rows.Add([.. row]);
                row.Clear();
            }
            else field.Append(c);
        }
        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add([.. row]);
        }
        return rows;
    }
}
