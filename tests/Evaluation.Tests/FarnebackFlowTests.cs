using MedVid.Evaluation.Flow;

namespace MedVid.Evaluation.Tests;

public sealed class FarnebackFlowTests
{
    [Theory]
    [InlineData(3.0, 0.0)]
    [InlineData(2.0, -1.0)]
    [InlineData(0.5, 1.5)]
    public void TranslatingPatternHasTheFlowItWasMovedBy(double vx, double vy)
    {
        var video = SyntheticVideo.Translating(vx, vy, width: 96, height: 96, frames: 2);
        var flow = FarnebackFlow.Between(video, 0, 1);
        // Away from the borders, where content enters and leaves the frame.
        var (dx, dy) = flow.MeanOver(16, 16, 80, 80);
        Assert.InRange(dx, vx - 0.1, vx + 0.1);
        Assert.InRange(dy, vy - 0.1, vy + 0.1);
    }

    [Fact]
    public void IdenticalFramesHaveNoFlowBeyondFarnebacksBorderArtefacts()
    {
        var flow = FarnebackFlow.Between(SyntheticVideo.Static(), 0, 1);
        // OpenCV's Farnebäck reports up to ~0.15 px within a few pixels of the border even for identical frames;
        // well below the 0.5 px that counts as motion for flicker.
        Assert.True(flow.Magnitudes().Max() < 0.25);
        var interior = Enumerable.Range(8, 48).SelectMany(y => Enumerable.Range(8, 48).Select(x => flow.Magnitude(y * 64 + x)));
        Assert.True(interior.Max() < 0.01);
    }
}
