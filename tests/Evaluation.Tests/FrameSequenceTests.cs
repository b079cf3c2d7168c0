using MedVid.Evaluation.Frames;
using MedVid.Video;

namespace MedVid.Evaluation.Tests;

public sealed class FrameSequenceTests
{
    [Fact]
    public void BytesAndUnitFloatsGiveTheSameFrames()
    {
        var frame = new RgbFrame(2, 1, [255, 0, 0, 10, 20, 30]);
        var fromBytes = FrameSequence.FromRgbFrames([frame, frame], fps: 8);
        var array = new float[2, 1, 2, 3];
        for (var t = 0; t < 2; t++)
            for (var i = 0; i < 6; i++)
                array[t, 0, i / 3, i % 3] = frame.Pixels[i] / 255f;
        var fromFloats = FrameSequence.FromUnitRange(array, fps: 8);

        Assert.Equal((2, 1, 2), (fromFloats.Width, fromFloats.Height, fromFloats.Count));
        for (var i = 0; i < 6; i++) Assert.Equal(fromBytes.Rgb(1)[i], fromFloats.Rgb(1)[i], 3);
        Assert.Equal(0.299 * 255, fromBytes.LumaOf(0)[0], 3);
    }

    [Fact]
    public void OutOfRangeValuesAreClampedAsADecoderWould()
    {
        var video = FrameSequence.FromRgb(1, 1, 8, [new[] { -20f, 300f, 128f }]);
        Assert.Equal([0f, 255f, 128f], video.Rgb(0));
    }

    [Fact]
    public void FramesOfDifferentSizesAreRejected()
    {
        Assert.Throws<ArgumentException>(() => FrameSequence.FromRgbFrames([RgbFrame.Blank(4, 4), RgbFrame.Blank(4, 2)], 8));
    }

    [Fact]
    public void EveryNthKeepsTheFirstFrameAndDividesTheFrameRate()
    {
        var video = SyntheticVideo.Translating(1, 0, frames: 7, fps: 24);
        var sampled = video.EveryNth(3);
        Assert.Equal(3, sampled.Count);
        Assert.Equal(8, sampled.Fps);
        Assert.Same(video.Rgb(6), sampled.Rgb(2));
    }
}
