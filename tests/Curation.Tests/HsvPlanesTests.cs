using MedVid.Curation.Imaging;

namespace MedVid.Curation.Tests;

public sealed class HsvPlanesTests
{
    [Fact]
    public void Table_conversion_equals_the_floating_point_formula_for_every_colour()
    {
        var frame = RgbFrame.Blank(256, 256);
        for (int r = 0; r < 256; r++)
        {
            for (int g = 0, p = 0; g < 256; g++)
                for (int b = 0; b < 256; b++, p += 3)
                    (frame.Pixels[p], frame.Pixels[p + 1], frame.Pixels[p + 2]) = ((byte)r, (byte)g, (byte)b);
            var hsv = HsvPlanes.FromRgb(frame);
            for (int g = 0, i = 0; g < 256; g++)
                for (int b = 0; b < 256; b++, i++)
                {
                    var expected = HsvPlanes.ReferencePixel(r, g, b);
                    if ((hsv.Hue[i], hsv.Saturation[i], hsv.Value[i]) != expected)
                        Assert.Fail($"rgb({r},{g},{b}): got {(hsv.Hue[i], hsv.Saturation[i], hsv.Value[i])}, expected {expected}");
                }
        }
    }

    [Fact]
    public void Delta_is_the_mean_absolute_change_per_component()
    {
        var random = new Random(7);
        var a = new RgbFrame(37, 29, new byte[37 * 29 * 3]);
        var b = new RgbFrame(37, 29, new byte[37 * 29 * 3]);
        random.NextBytes(a.Pixels);
        random.NextBytes(b.Pixels);
        var (ha, hb) = (HsvPlanes.FromRgb(a), HsvPlanes.FromRgb(b));

        var delta = HsvPlanes.Delta(ha, hb);

        double Mean(byte[] x, byte[] y) => x.Zip(y, (p, q) => (double)Math.Abs(p - q)).Average();
        Assert.Equal(Mean(ha.Hue, hb.Hue), delta.Hue, 9);
        Assert.Equal(Mean(ha.Saturation, hb.Saturation), delta.Saturation, 9);
        Assert.Equal(Mean(ha.Value, hb.Value), delta.Value, 9);
        // Large frames of maximal change do not overflow the vector accumulators.
        var black = HsvPlanes.FromRgb(RgbFrame.Blank(640, 360));
        var white = new RgbFrame(640, 360, Enumerable.Repeat((byte)255, 640 * 360 * 3).ToArray());
        Assert.Equal(255, HsvPlanes.Delta(HsvPlanes.FromRgb(white), black).Value);
    }
}
