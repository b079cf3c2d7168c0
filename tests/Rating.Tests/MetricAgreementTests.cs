namespace MedVid.Rating.Tests;

public sealed class MetricAgreementTests
{
    [Fact]
    public void Video_scores_average_item_means_so_each_item_weighs_once()
    {
        (string, string)[] items = [("i1", "a.mp4"), ("i2", "a.mp4"), ("i3", "b.mp4")];
        AnalysisRating[] ratings =
        [
            new("i1", "r1", "realism", 3), new("i1", "r2", "realism", 1), // item mean 2
            new("i2", "r1", "realism", 0),                                // item mean 0
            new("i3", "r1", "realism", 2), new("gold", "r1", "realism", 3), // "gold" is not among the items
        ];
        var scores = MetricAgreement.VideoScores(items, ratings);
        Assert.Equal([new VideoExpertScore("a.mp4", "realism", 1.0, 3), new VideoExpertScore("b.mp4", "realism", 2.0, 1)], scores);
    }

    [Fact]
    public void A_metric_that_orders_the_videos_as_the_experts_do_has_rho_one_and_an_opposite_one_minus_one()
    {
        var videos = Enumerable.Range(0, 8).Select(i => $"v{i}.mp4").ToList();
        var metrics = videos.Select((v, i) => new VideoMetrics(v, new Dictionary<string, double> { ["sharpness"] = 10 * i + 1, ["noise_sigma"] = 5 - i * i })).ToList();
        var scores = videos.Select((v, i) => new VideoExpertScore(v, "realism", i / 3.0, 2)).ToList();
        scores.Add(new VideoExpertScore("unmeasured.mp4", "realism", 9, 1)); // rated, not evaluated: left out

        var agreement = MetricAgreement.Compute(metrics, scores);

        var sharp = agreement.Single(a => a.Metric == "sharpness");
        Assert.Equal(("realism", 8, 1.0), (sharp.Criterion, sharp.Videos, sharp.Rho!.Value));
        Assert.Equal(0.0, sharp.PValue!.Value, 12);
        var noise = agreement.Single(a => a.Metric == "noise_sigma");
        Assert.Equal(-1.0, noise.Rho!.Value, 12);
        Assert.Equal(SpearmanCorrelation.Compute([1, 2, 3, 4, 5, 6, 7, 8], [8, 7, 6, 5, 4, 3, 2, 1])!.Lower, noise.Lower);
    }

    [Fact]
    public void Too_few_videos_or_a_constant_score_give_no_correlation_instead_of_a_number()
    {
        VideoMetrics[] metrics = [new("a", new Dictionary<string, double> { ["m"] = 1 }), new("b", new Dictionary<string, double> { ["m"] = 2 }), new("c", new Dictionary<string, double> { ["m"] = 3 })];
        var constant = MetricAgreement.Compute(metrics, [new("a", "q", 2, 1), new("b", "q", 2, 1), new("c", "q", 2, 1)]).Single();
        Assert.Equal((3, (double?)null), (constant.Videos, constant.Rho));
        var one = MetricAgreement.Compute(metrics, [new("a", "q", 2, 1)]).Single();
        Assert.Equal((1, (double?)null, (double?)null), (one.Videos, one.Rho, one.Lower));
        var three = MetricAgreement.Compute(metrics, [new("a", "q", 1, 1), new("b", "q", 2, 1), new("c", "q", 3, 1)]).Single();
        Assert.Equal((1.0, (double?)null), (three.Rho!.Value, three.Lower)); // an interval needs four videos
    }
}
