using MedVid.Phantoms;
using MedVid.PhantomsBench;

namespace MedVid.Training.Tests;

public sealed class PhantomsBenchPromptSetsTests
{
    private static readonly IReadOnlyList<PromptCase> HeldOut = PromptSets.HeldOut(4, 64, 16, 12, 7);

    private static double[] HeartRates(IEnumerable<PromptCase> cases) =>
        cases.Select(c => c.Target).OfType<EchoPhantom>().Select(e => e.HeartRateBpm).ToArray();

    [Fact]
    public void On_the_value_grid_every_stated_heart_rate_is_shared_by_several_clips_and_none_is_held_out()
    {
        var training = PromptSets.Training(96, 64, 16, 12, 7, HeldOut, valueGrid: true);
        var rates = HeartRates(training);
        Assert.Equal(96, rates.Length);
        Assert.All(rates, r => Assert.Equal(0, r % 10));
        Assert.Empty(rates.Intersect(HeartRates(HeldOut)));
        Assert.InRange(rates.Distinct().Count(), 9, 11);
        Assert.Contains(training, c => c.Target is EchoPhantom e && c.Prompt.Contains($"{e.HeartRateBpm:0}", StringComparison.Ordinal));
        var speeds = training.Select(c => c.Target).OfType<EndoscopyPhantom>().Select(e => e.SpeedPerSecond).ToArray();
        Assert.All(speeds, s => Assert.Equal(Math.Round(s / 0.2) * 0.2, s, 9));
        Assert.DoesNotContain(1.0, speeds);
    }

    [Fact]
    public void Without_the_grid_the_stated_heart_rates_are_nearly_all_different()
    {
        var rates = HeartRates(PromptSets.Training(96, 64, 16, 12, 7, HeldOut));
        Assert.True(rates.Distinct().Count() > 50, $"{rates.Distinct().Count()} distinct rates");
        Assert.Empty(rates.Intersect(HeartRates(HeldOut)));
    }

    [Fact]
    public void The_grid_leaves_cell_counts_alone_and_snaps_the_rates()
    {
        var cells = new MicroscopyPhantom(7, 0, 1, 64, 64, 16, 12);
        Assert.Same(cells, PromptSets.OnGrid(cells));
        Assert.Equal(120, ((EchoPhantom)PromptSets.OnGrid(new EchoPhantom(117, 1, 64, 64, 16, 12))).HeartRateBpm);
        Assert.Equal(1.4, ((MriPhantom)PromptSets.OnGrid(new MriPhantom(1.37, 1, 64, 64, 16, 12))).ArticulatorHz);
    }

    [Fact]
    public void Unnamed_absence_drops_the_word_polyp_from_every_polyp_free_caption_and_nothing_else()
    {
        var training = PromptSets.Training(96, 64, 16, 12, 7, HeldOut);
        var rewritten = training.Concat(HeldOut).Select(c => (Before: c, After: PromptSets.WithUnnamedAbsence(c))).ToList();

        var absent = rewritten.Where(p => p.Before.Target is EndoscopyPhantom { Polyp: false }).ToList();
        Assert.True(absent.Count > 10, $"{absent.Count} polyp-free endoscopy cases");
        Assert.All(absent, p => Assert.DoesNotContain("polyp", p.After.Prompt, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(3, absent.Select(p => p.After.Prompt[..12]).Distinct().Count()); // all three phrasings occur
        Assert.All(rewritten.Where(p => p.Before.Target is not EndoscopyPhantom { Polyp: false }), p => Assert.Same(p.Before, p.After));
        Assert.Contains(rewritten, p => p.After.Prompt.Contains("polyp", StringComparison.Ordinal));

        var unknown = new PromptCase("Endoscopy without polyps at 1.0 radii/s.", new EndoscopyPhantom(1.0, false, 1, 64, 64, 16, 12));
        Assert.Contains("no unnamed wording", Assert.Throws<InvalidOperationException>(() => PromptSets.WithUnnamedAbsence(unknown)).Message);
    }
}
