using MedVid.Phantoms;
using MedVid.PhantomsBench;
using MedVid.Video;

namespace MedVid.Training.Tests;

/// <summary>The bench's colour-cast read-out of endoscopy videos.</summary>
public class MucosaColourTests
{
    private static readonly IReadOnlyList<RgbFrame> Endoscopy =
        new EndoscopyPhantom(1.0, Polyp: false, Seed: 3, Width: 64, Height: 64, Frames: 3).Render().ToList();

    [Fact]
    public void Real_phantom_mucosa_reads_near_its_rendered_colour()
    {
        // MucosaColour (205, 92, 82): green/red 0.45, a little lower where vessels darken green.
        Assert.InRange(MucosaColour.MedianGreenRed(Endoscopy)!.Value, 0.40, 0.46);
    }

    [Fact]
    public void A_grey_cast_raises_the_ratio()
    {
        var cast = Endoscopy.Select(f => f with { Pixels = f.Pixels.Select(v => (byte)(0.7 * v + 0.3 * 160)).ToArray() }).ToList();
        Assert.True(MucosaColour.MedianGreenRed(cast) > 0.55, $"cast: {MucosaColour.MedianGreenRed(cast)}");
    }

    [Fact]
    public void A_video_without_lit_pixels_has_no_reading() =>
        Assert.Null(MucosaColour.MedianGreenRed([new RgbFrame(4, 4, new byte[48])]));
}
