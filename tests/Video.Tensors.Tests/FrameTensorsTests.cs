using MedVid.Engine;
using MedVid.Video.Tensors;
using static TorchSharp.torch;

namespace MedVid.Video.Tensors.Tests;

public sealed class FrameTensorsTests
{
    private static RgbFrame Random(int width, int height, int seed)
    {
        var pixels = new byte[width * height * 3];
        new Random(seed).NextBytes(pixels);
        return new RgbFrame(width, height, pixels);
    }

    private static List<RgbFrame> Video(int frames, int width, int height) =>
        Enumerable.Range(0, frames).Select(t => Random(width, height, seed: t)).ToList();

    [Theory]
    [InlineData(VideoTensorLayout.TCHW)]
    [InlineData(VideoTensorLayout.CTHW)]
    public void Bytes_survive_a_round_trip_exactly(VideoTensorLayout layout)
    {
        var frames = Video(5, 17, 9);
        // Every byte value appears at least once (frames are 17x9x3 = 459 bytes).
        for (int b = 0; b < 256; b++) frames[0].Pixels[b] = (byte)b;

        using var video = FrameTensors.ToTensor(frames, layout);
        var back = FrameTensors.ToFrames(video, layout);

        Assert.Equal(frames.Count, back.Count);
        for (int t = 0; t < frames.Count; t++)
        {
            Assert.Equal((17, 9), (back[t].Width, back[t].Height));
            Assert.Equal(frames[t].Pixels, back[t].Pixels);
        }
    }

    [Fact]
    public void Shapes_follow_the_layout()
    {
        var frames = Video(4, 6, 2);
        using var tchw = FrameTensors.ToTensor(frames);
        using var cthw = FrameTensors.ToTensor(frames, VideoTensorLayout.CTHW);
        using var one = FrameTensors.ToTensor(frames[0]);

        Assert.Equal([4L, 3, 2, 6], tchw.shape);
        Assert.Equal([3L, 4, 2, 6], cthw.shape);
        Assert.Equal([3L, 2, 6], one.shape);
        Assert.Equal(ScalarType.Float32, tchw.dtype);
        // The same values in either layout: CTHW is TCHW with the first two axes swapped.
        using var swapped = tchw.permute(1, 0, 2, 3).contiguous();
        Assert.Equal(cthw.data<float>().ToArray(), swapped.data<float>().ToArray());
        Assert.Equal(frames[0].Pixels, FrameTensors.ToFrame(one).Pixels);
    }

    [Fact]
    public void Channels_are_planes_of_red_green_blue_mapped_to_minus_one_to_one()
    {
        var frame = RgbFrame.Blank(2, 1);
        frame.Pixels[0] = 0; frame.Pixels[1] = 255; frame.Pixels[2] = 128;   // pixel (0,0): R G B
        frame.Pixels[3] = 255; frame.Pixels[4] = 0; frame.Pixels[5] = 64;    // pixel (1,0)

        using var video = FrameTensors.ToTensor([frame]);
        var values = video.data<float>().ToArray();

        // [T=1, C=3, H=1, W=2]: R plane, G plane, B plane.
        Assert.Equal(-1f, values[0]);
        Assert.Equal(1f, values[1]);
        Assert.Equal(1f, values[2]);
        Assert.Equal(-1f, values[3]);
        Assert.Equal(128 / 127.5f - 1, values[4], 6);
        Assert.Equal(64 / 127.5f - 1, values[5], 6);
    }

    [Fact]
    public void Values_outside_minus_one_to_one_are_clamped_and_rounded()
    {
        float[] r = [-3f, -1f, -0.999f, 0f], g = [1f, 2.5f, float.NaN, 0.5f], b = [0.004f, -0.004f, 0.9999f, -0.5f];
        using var video = tensor([.. r, .. g, .. b], [1, 3, 1, 4]);

        var frame = FrameTensors.ToFrames(video).Single();

        Assert.Equal((4, 1), (frame.Width, frame.Height));
        Assert.Equal(new byte[] { 0, 255, 128, 0, 255, 127, 0, 0, 255, 128, 191, 64 }, frame.Pixels);
    }

    [Fact]
    public void Frames_of_different_sizes_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => FrameTensors.ToTensor([Random(8, 8, 1), Random(8, 6, 2)]));
        Assert.Contains("Frame 1 is 8x6; frame 0 is 8x8", error.Message);
        Assert.Throws<ArgumentException>(() => FrameTensors.ToTensor(Array.Empty<RgbFrame>()));
    }

    [Fact]
    public void Tensors_of_the_wrong_shape_or_type_are_refused()
    {
        using var threeDims = zeros([3, 2, 2]);
        using var fourChannels = zeros([1, 4, 2, 2]);
        using var bytes = tensor(new byte[12], [1, 3, 2, 2]);

        Assert.Contains("4 dimensions", Assert.Throws<ArgumentException>(() => FrameTensors.ToFrames(threeDims)).Message);
        Assert.Contains("3 channels", Assert.Throws<ArgumentException>(() => FrameTensors.ToFrames(fourChannels)).Message);
        Assert.Contains("floating-point", Assert.Throws<ArgumentException>(() => FrameTensors.ToFrames(bytes)).Message);
        Assert.Contains("3 channels", Assert.Throws<ArgumentException>(() => FrameTensors.ToFrames(fourChannels, VideoTensorLayout.CTHW)).Message);
    }
}
