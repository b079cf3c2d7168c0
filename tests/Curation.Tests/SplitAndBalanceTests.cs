using MedVid.Curation.Stages;

namespace MedVid.Curation.Tests;

public sealed class SplitAndBalanceTests
{
    [Fact]
    public void Split_is_close_to_80_20_over_many_sources()
    {
        var splitter = new SourceSplitter(new SplitConfig());
        int test = Enumerable.Range(0, 5000).Count(i => splitter.Assign($"video-{i}") == DatasetSplit.Test);
        Assert.InRange(test / 5000.0, 0.18, 0.22);
    }

    [Fact]
    public void Split_is_deterministic_and_depends_on_the_seed()
    {
        var a = new SourceSplitter(new SplitConfig { Seed = "one" });
        var b = new SourceSplitter(new SplitConfig { Seed = "two" });
        var ids = Enumerable.Range(0, 200).Select(i => $"v{i}").ToList();

        Assert.Equal(ids.Select(a.Assign), ids.Select(new SourceSplitter(new SplitConfig { Seed = "one" }).Assign));
        Assert.NotEqual(ids.Select(a.Assign), ids.Select(b.Assign));
    }

    [Fact]
    public void Cap_mode_limits_each_modality_to_the_smallest_count_and_spreads_over_sources()
    {
        var clips = new List<(string Id, string Modality, string Source)>();
        for (int i = 0; i < 40; i++) clips.Add(($"e{i}", "endoscopy", $"src-e{i % 4}"));
        for (int i = 0; i < 10; i++) clips.Add(($"u{i}", "ultrasound", $"src-u{i}"));
        var balancer = new ModalityBalancer(new ModalityBalanceConfig { Enabled = true });

        var outcome = balancer.Balance(clips, c => c.Id, c => c.Modality, c => c.Source);

        var kept = outcome.Where(o => o.Decision.Kept).Select(o => o.Item).ToList();
        Assert.Equal(10, kept.Count(c => c.Modality == "endoscopy"));
        Assert.Equal(10, kept.Count(c => c.Modality == "ultrasound"));
        Assert.Equal(4, kept.Where(c => c.Modality == "endoscopy").Select(c => c.Source).Distinct().Count());
        Assert.All(outcome.Where(o => !o.Decision.Kept), o => Assert.Equal("over modality cap (endoscopy)", o.Decision.Reason));
    }

    [Fact]
    public void Upsample_mode_keeps_everything_and_sets_repeat_factors()
    {
        var clips = Enumerable.Range(0, 30).Select(i => ($"e{i}", "endoscopy")).Concat(Enumerable.Range(0, 10).Select(i => ($"c{i}", "cell"))).ToList();
        var balancer = new ModalityBalancer(new ModalityBalanceConfig { Enabled = true, Mode = ModalityBalanceMode.Upsample });

        var outcome = balancer.Balance(clips, c => c.Item1, c => c.Item2, c => c.Item1);

        Assert.All(outcome, o => Assert.True(o.Decision.Kept));
        Assert.All(outcome.Where(o => o.Item.Item2 == "cell"), o => Assert.Equal(3, o.Decision.Metrics["balance.repeat"]));
        Assert.All(outcome.Where(o => o.Item.Item2 == "endoscopy"), o => Assert.Equal(1, o.Decision.Metrics["balance.repeat"]));
    }
}
