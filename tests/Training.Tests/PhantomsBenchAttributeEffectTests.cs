using MedVid.Phantoms;
using MedVid.PhantomsBench;

namespace MedVid.Training.Tests;

/// <summary>The bench's attribute effect: whether a prompt's stated value changes the video, and in which direction.</summary>
public sealed class PhantomsBenchAttributeEffectTests
{
    private static VideoScore Echo(double asked, double read) =>
        new(new PromptCase($"echo {asked}", new EchoPhantom(asked)), Modality.Ultrasound, read, null, null);

    private static VideoScore Cells(int asked, int read) =>
        new(new PromptCase($"{asked} cells", new MicroscopyPhantom(asked, 0)), Modality.Cells, null, read, null);

    [Fact]
    public void Videos_that_ignore_the_stated_value_give_zero_within_their_modality()
    {
        float[] echo = [0.5f, -0.5f, 0.25f, 0], cells = [-1, 1, -1, 1];
        var effect = AttributeEffect.Measure([Echo(55, 60), Echo(145, 60), Cells(3, 9), Cells(11, 9)], [echo, echo, cells, cells]);

        Assert.Equal(0, effect.WithinModality[Modality.Ultrasound]);
        Assert.Equal(0, effect.WithinModality[Modality.Cells]);
        Assert.True(effect.BetweenModalities > 1, $"between modalities {effect.BetweenModalities}");
    }

    [Fact]
    public void A_stated_value_that_changes_the_video_shows_within_its_modality()
    {
        var effect = AttributeEffect.Measure([Echo(55, 60), Echo(145, 140)], [[1, 0], [0, 1]]);

        // ‖(1, −1)‖ = √2 over a mean norm of 1.
        Assert.Equal(Math.Sqrt(2), effect.WithinModality[Modality.Ultrasound], 9);
    }

    [Fact]
    public void Rank_correlation_follows_the_direction_of_the_read_values()
    {
        float[][] videos = [[1], [2], [3], [4]];
        var rising = AttributeEffect.Measure([Echo(55, 60), Echo(85, 90), Echo(115, 100), Echo(145, 150)], videos);
        var falling = AttributeEffect.Measure([Cells(3, 9), Cells(6, 7), Cells(8, 5), Cells(11, 2)], videos);
        var flat = AttributeEffect.Measure([Echo(55, 200), Echo(85, 200), Echo(115, 200), Echo(145, 200)], videos);

        Assert.Equal(1.0, rising.HeartRateRank!.Value, 9);
        Assert.Null(rising.CellRank);
        Assert.Equal(-1.0, falling.CellRank!.Value, 9);
        Assert.Null(flat.HeartRateRank);
    }

    [Fact]
    public void Tied_read_values_share_their_average_rank()
    {
        // Ranks of the reads: 1, 2.5, 2.5, 4 against 1, 2, 3, 4: ρ = 4.5 / √(5 · 4.5).
        var effect = AttributeEffect.Measure([Echo(55, 60), Echo(85, 90), Echo(115, 90), Echo(145, 150)], [[1], [2], [3], [4]]);
        Assert.Equal(4.5 / Math.Sqrt(5 * 4.5), effect.HeartRateRank!.Value, 9);
    }

    [Fact]
    public void Mismatched_input_is_refused()
    {
        Assert.Throws<ArgumentException>(() => AttributeEffect.Measure([Echo(55, 60), Echo(85, 90)], [[1]]));
        Assert.Throws<ArgumentException>(() => AttributeEffect.Measure([Echo(55, 60), Echo(85, 90)], [[1], [1, 2]]));
    }
}
