using MedVid.Phantoms.Estimation;
using MedVid.Video;

namespace MedVid.Phantoms.Tests;

public sealed class CellCountingTests
{
    [Theory]
    [InlineData(0, 0, 64)]
    [InlineData(3, 1, 64)]
    [InlineData(7, 2, 64)]
    [InlineData(12, 3, 64)]
    [InlineData(5, 0, 128)]
    [InlineData(10, 2, 128)]
    [InlineData(12, 3, 256)]
    public async Task Counts_cells_at_the_start_and_after_the_divisions(int cells, int divisions, int size)
    {
        var spec = new MicroscopyPhantom(cells, divisions, Seed: cells + size, Width: size, Height: size, Frames: 32);

        var frames = await RoundTrip.ThroughMp4Async(spec);
        var first = PhantomEstimators.CountCells(frames[0]).Count;
        var last = PhantomEstimators.CountCells(frames[^1]).Count;

        Assert.InRange(first, cells - Tolerances.Cells, cells + Tolerances.Cells);
        Assert.InRange(last, spec.FinalCellCount - Tolerances.Cells, spec.FinalCellCount + Tolerances.Cells);
    }

    [Fact]
    public void An_empty_field_with_noise_has_no_cells()
    {
        var random = new Random(1);
        var frame = RgbFrame.Blank(64, 64);
        for (var i = 0; i < frame.Pixels.Length; i++)
            frame.Pixels[i] = (byte)(165 + random.Next(-12, 13));

        Assert.Equal(0, PhantomEstimators.CountCells(frame).Count);
    }
}
