using MedVid.Curation.Rendering;
using MedVid.Curation.Stages;

namespace MedVid.Curation.Tests;

public sealed class OutputShapeTests
{
    [Theory]
    [InlineData("default", 256, 256)]
    [InlineData("bora", 256, 256)]
    [InlineData("bora-128", 128, 128)]
    [InlineData("ophora", 720, 480)]
    [InlineData("medgen", 720, 480)]
    public void Presets_produce_their_output_size(string preset, int width, int height)
    {
        var output = CurationConfig.FromPreset(preset).Output;
        foreach (var (w, h) in new[] { (320, 240), (240, 320), (1920, 1080), (100, 100) })
        {
            var shaped = ClipFrameShaper.ResizeAndCenterCrop(SyntheticFrames.Texture(w, h, 0.3), output.Width, output.Height);
            Assert.Equal((width, height), (shaped.Width, shaped.Height));
        }
    }

    [Fact]
    public void Shortest_side_is_resized_then_the_centre_is_cropped()
    {
        // 400x200: red left quarter, green middle half, blue right quarter. Resized to 512x256,
        // the 256 crop keeps only the green middle.
        var frame = RgbFrame.Blank(400, 200);
        for (int y = 0; y < 200; y++)
        for (int x = 0; x < 400; x++)
            frame.Pixels[frame.Index(x, y) + (x < 100 ? 0 : x < 300 ? 1 : 2)] = 255;

        var shaped = ClipFrameShaper.ResizeAndCenterCrop(frame, 256, 256);

        Assert.Equal((0, 255, 0), (shaped.Pixels[shaped.Index(4, 128)], shaped.Pixels[shaped.Index(4, 128) + 1], shaped.Pixels[shaped.Index(4, 128) + 2]));
        Assert.Equal(255, shaped.Pixels[shaped.Index(251, 10) + 1]);
        Assert.Equal(0, shaped.Pixels[shaped.Index(251, 10) + 2]);
    }

    [Fact]
    public void Adaptive_sampling_keeps_more_frames_when_motion_is_high()
    {
        var world = SyntheticFrames.Noise(600, 100, seed: 2);
        var fast = Enumerable.Range(0, 60).Select(i => SyntheticFrames.NoiseWindow(world, 64, 48, i * 6, 0)).ToList();
        var slow = Enumerable.Range(0, 60).Select(i => SyntheticFrames.Texture(64, 48, 0.2, offsetX: i * 0.5)).ToList();
        var sampler = new AdaptiveFrameSampler(thresholdK: 6, maxInterval: 8);

        var fastResult = sampler.Sample(fast);
        var slowResult = sampler.Sample(slow);

        Assert.Equal(0, fastResult.Interval);
        Assert.Equal(60, fastResult.Indices.Count);
        Assert.True(slowResult.Interval > 0);
        Assert.True(slowResult.Indices.Count < fastResult.Indices.Count);
        Assert.True(slowResult.MeanChange > 6 || slowResult.Interval == 8);
    }

    [Fact]
    public void Threshold_zero_keeps_every_frame()
    {
        var frames = Enumerable.Range(0, 10).Select(_ => SyntheticFrames.Texture(32, 32, 0.1)).ToList();
        var (interval, indices, _) = new AdaptiveFrameSampler(0, 8).Sample(frames);
        Assert.Equal(0, interval);
        Assert.Equal(Enumerable.Range(0, 10), indices);
    }

    [Fact]
    public void Short_clip_is_padded_with_zero_frames_to_49()
    {
        var plan = FrameCountNormaliser.Normalise(Enumerable.Range(0, 30).ToArray(), 0, 49, FrameCountMode.UniformSample);
        Assert.Equal(30, plan.FrameIndices.Count);
        Assert.Equal(19, plan.PaddingFrames);

        var frames = Enumerable.Range(0, 30).Select(i => SyntheticFrames.Texture(64, 48, 0.1, offsetX: i)).ToList();
        var shaped = ClipFrameShaper.Shape(frames, plan, new OutputShapeConfig { Width = 64, Height = 48, FrameCount = 49 });

        Assert.Equal(49, shaped.Count);
        Assert.All(shaped.Skip(30), f => Assert.All(f.Pixels, p => Assert.Equal(0, p)));
        Assert.Contains(shaped[29].Pixels, p => p != 0);
    }

    [Fact]
    public void Long_clip_is_sampled_uniformly_or_truncated_to_49()
    {
        var indices = Enumerable.Range(0, 100).ToArray();

        var uniform = FrameCountNormaliser.Normalise(indices, 0, 49, FrameCountMode.UniformSample);
        var truncated = FrameCountNormaliser.Normalise(indices, 0, 49, FrameCountMode.Truncate);

        Assert.Equal(49, uniform.FrameIndices.Count);
        Assert.Equal(0, uniform.PaddingFrames);
        Assert.Equal(0, uniform.FrameIndices[0]);
        Assert.Equal(99, uniform.FrameIndices[^1]);
        Assert.Equal(uniform.FrameIndices.Order(), uniform.FrameIndices);
        Assert.Equal(Enumerable.Range(0, 49), truncated.FrameIndices);
        // 49 frames spread over 100 play at 48/99 of the rate so the clip keeps its real duration.
        Assert.Equal(25.0 * 48 / 99, uniform.OutputFps(25), 6);
        Assert.Equal(25.0, truncated.OutputFps(25), 6);
    }

    [Fact]
    public void No_frame_count_keeps_the_sampled_frames()
    {
        var plan = FrameCountNormaliser.Normalise([0, 2, 4], 1, null, FrameCountMode.UniformSample);
        Assert.Equal(new FramePlan([0, 2, 4], 0, 1).FrameIndices, plan.FrameIndices);
        Assert.Equal(3, plan.OutputFrameCount);
        Assert.Equal(12.5, plan.OutputFps(25), 6);
    }
}
