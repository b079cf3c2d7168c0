using MedVid.Phantoms.Estimation;
using MedVid.Video;

namespace MedVid.Phantoms.Tests;

/// <summary>The colour of endoscopy mucosa, which the bench reports as a video's colour cast.</summary>
public class MucosaColourTests
{
    private static readonly IReadOnlyList<RgbFrame> Endoscopy =
        new EndoscopyPhantom(1.0, Polyp: false, Seed: 3, Width: 64, Height: 64, Frames: 3).Render().ToList();

    [Fact]
    public void Real_phantom_mucosa_reads_near_its_rendered_colour()
    {
        // MucosaColour (205, 92, 82): green/red 0.45, a little lower where vessels darken green.
        Assert.InRange(MucosaColour.GreenRedQuantile(Endoscopy, 0.5)!.Value, 0.40, 0.46);
    }

    [Fact]
    public void A_grey_cast_raises_the_ratio()
    {
        var cast = Endoscopy.Select(f => f with { Pixels = f.Pixels.Select(v => (byte)(0.7 * v + 0.3 * 160)).ToArray() }).ToList();
        Assert.True(MucosaColour.GreenRedQuantile(cast, 0.5) > 0.55, $"cast: {MucosaColour.GreenRedQuantile(cast, 0.5)}");
    }

    [Fact]
    public void A_video_without_lit_pixels_has_no_reading() =>
        Assert.Null(MucosaColour.GreenRedQuantile([new RgbFrame(4, 4, new byte[48])], 0.5));

    [Fact]
    public void The_lower_quartile_is_below_the_median_and_a_quantile_outside_zero_to_one_is_refused()
    {
        Assert.True(MucosaColour.GreenRedQuantile(Endoscopy, 0.25) < MucosaColour.GreenRedQuantile(Endoscopy, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => MucosaColour.GreenRedQuantile(Endoscopy, 1.5));
    }
}
