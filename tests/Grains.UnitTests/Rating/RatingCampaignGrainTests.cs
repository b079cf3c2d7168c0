using MedVid.Grains.Datasets;
using MedVid.Grains.Rating;
using MedVid.Grains.Teams;
using MedVid.Rating.Protocols;

namespace MedVid.Grains.UnitTests.Rating;

/// <summary>The grain over a real database: dataset videos resolve to their proxies, state survives reloads, results and CSV come out.</summary>
public sealed class RatingCampaignGrainTests : SqliteSiloTest
{
    [Fact]
    public async Task Dataset_videos_resolve_to_proxies_and_ratings_survive_reloads()
    {
        var (team, admin, rater) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await Host.Grains.GetGrain<ITeamGrain>(team).CreateAsync("Team", 0, admin, "admin");
        await Host.Grains.GetGrain<ITeamGrain>(team).SetMemberAsync(rater, "rita", TeamRole.Rater);
        var datasetId = Guid.NewGuid();
        var dataset = Host.Grains.GetGrain<IDatasetGrain>(datasetId);
        await dataset.CreateAsync(team, "sources", null, admin);
        var videoId = Guid.NewGuid();
        await dataset.AddVideoAsync(videoId, "a.mp4", 10, $"{TeamBlobs.VideoFolder(team, datasetId, videoId)}/original.mp4", new Dictionary<string, string>());
        var spec = new RatingCampaignSpec("Round", MedGenDistortion.Id,
            [new CampaignItemSpec([new CampaignVideoSpec(VideoSourceKind.DatasetVideo, datasetId, videoId, null, null, "real", null, null)], null, null)],
            [admin, rater, Guid.NewGuid()], 3);
        var campaign = Host.Grains.GetGrain<IRatingCampaignGrain>(Guid.NewGuid());

        var notMember = await Assert.ThrowsAsync<InvalidGrainArgumentException>(() => campaign.CreateAsync(team, admin, spec));
        Assert.EndsWith("is not a member of the team.", notMember.Message);
        var third = Guid.NewGuid();
        await Host.Grains.GetGrain<ITeamGrain>(team).SetMemberAsync(third, "rory", TeamRole.Researcher);
        spec = spec with { Raters = [admin, rater, third] };
        var notIngested = await Assert.ThrowsAsync<InvalidGrainArgumentException>(() => campaign.CreateAsync(team, admin, spec));
        Assert.Equal($"Item 1: video {videoId} has no browser proxy yet (ingesting).", notIngested.Message);
        var proxy = $"{TeamBlobs.VideoFolder(team, datasetId, videoId)}/proxy.mp4";
        await dataset.CompleteIngestAsync(videoId, new IngestVideoResult(proxy, "poster.jpg", 2, 10, 160, 120, "h264", 20));
        // The same raters in a second team may not rate the first team's video in that team's campaign.
        var team2 = Guid.NewGuid();
        await Host.Grains.GetGrain<ITeamGrain>(team2).CreateAsync("Team 2", 0, admin, "admin");
        foreach (var member in new[] { rater, third }) await Host.Grains.GetGrain<ITeamGrain>(team2).SetMemberAsync(member, "m", TeamRole.Rater);
        var otherTeam = await Assert.ThrowsAsync<InvalidGrainArgumentException>(() => campaign.CreateAsync(team2, admin, spec));
        Assert.Contains("does not exist in this team", otherTeam.Message);

        var view = await campaign.CreateAsync(team, admin, spec);
        Assert.Equal(proxy, view.Items[0].Videos[0].BlobPath);
        var task = (await campaign.GetNextTaskAsync(rater))!;
        Assert.Equal(proxy, await campaign.GetMediaBlobAsync(rater, task.ItemId, RaterMedia.Video));
        foreach (var (who, level) in new[] { (admin, "none"), (rater, "minor"), (third, "severe") })
            await campaign.SubmitAsync(who, task.ItemId, new Dictionary<string, string> { ["distortion"] = level });

        Assert.Null(await campaign.GetNextTaskAsync(rater));
        var results = await campaign.GetResultsAsync();
        Assert.Equal(new MedVid.Rating.Statistics.AcceptanceTally("real", 1, 1, 0, 0, 1.0), results.Results.Acceptance[0]);
        Assert.Equal(["admin", "rita", "rory"], results.Raters.Select(r => r.UserName));
        var csv = await campaign.ExportCsvAsync();
        Assert.Equal(4, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains(",distortion,3,severe,severe,real,", csv);
        Assert.Equal([view.Id], await Host.Directory.FindAsync<IRatingCampaignGrain>("rater", rater.ToString()));
    }
}
