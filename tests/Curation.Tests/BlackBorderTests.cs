using MedVid.Curation.Imaging;
using MedVid.Curation.Stages;

namespace MedVid.Curation.Tests;

public sealed class BlackBorderTests
{
    private static CandidateClip Clip(params MedVid.Video.RgbFrame[] frames) =>
        CandidateClip.FromFrames("s/0", new CurationSource("s", "endoscopy", 1280, 720), 25, frames);

    [Theory]
    [InlineData(BlackBorderMethod.CropDetect)]
    [InlineData(BlackBorderMethod.CannyHough)]
    public void Letterbox_is_measured_within_two_pixels(BlackBorderMethod method)
    {
        var frame = SyntheticFrames.WithBorders(SyntheticFrames.Texture(160, 120, 0.05), top: 15, bottom: 15, left: 0, right: 0);
        var filter = new BlackBorderFilter(new BlackBorderConfig { Method = method });

        var insets = filter.Measure(Clip(frame, frame, frame));
        var (x, y, w, h) = insets.CropRectangle(160, 120);

        Assert.InRange(x, 0, 2);
        Assert.InRange(y, 13, 17);
        Assert.InRange(w, 156, 160);
        Assert.InRange(h, 86, 94);
    }

    [Theory]
    [InlineData(BlackBorderMethod.CropDetect)]
    [InlineData(BlackBorderMethod.CannyHough)]
    public async Task Pillarbox_is_measured_within_two_pixels_and_drops_the_clip(BlackBorderMethod method)
    {
        var frame = SyntheticFrames.WithBorders(SyntheticFrames.Texture(160, 120, 0.6), top: 0, bottom: 0, left: 20, right: 24);
        var filter = new BlackBorderFilter(new BlackBorderConfig { Method = method });
        var clip = Clip(frame, frame);

        var (x, _, w, _) = filter.Measure(clip).CropRectangle(160, 120);
        var decision = await filter.EvaluateAsync(clip);

        Assert.InRange(x, 18, 22);
        Assert.InRange(w, 112, 120);
        Assert.False(decision.Kept);
        Assert.Equal("persistent black border on left, right", decision.Reason);
    }

    [Fact]
    public async Task Frame_without_border_is_kept()
    {
        var frame = SyntheticFrames.Texture(160, 120, 0.3);
        var decision = await new BlackBorderFilter(new BlackBorderConfig()).EvaluateAsync(Clip(frame));
        Assert.True(decision.Kept);
        Assert.Equal(0, decision.Metrics["border.top"]);
    }

    [Fact]
    public async Task A_border_on_only_some_frames_is_not_persistent()
    {
        var plain = SyntheticFrames.Texture(160, 120, 0.3);
        var boxed = SyntheticFrames.WithBorders(plain, 20, 20, 0, 0);
        var decision = await new BlackBorderFilter(new BlackBorderConfig { SampleFrames = 4 }).EvaluateAsync(Clip(boxed, plain, boxed, boxed));
        Assert.True(decision.Kept);
    }

    [Fact]
    public void Crop_detector_uses_the_line_mean_against_the_limit()
    {
        // A row of mean 20 is border at limit 24 and content at limit 16.
        var image = new GrayImage(10, 10);
        for (int y = 0; y < 10; y++)
        for (int x = 0; x < 10; x++)
            image[x, y] = y == 0 ? 20 : 120;
        Assert.Equal(1, CropDetector.Detect(image, 24).Top);
        Assert.Equal(0, CropDetector.Detect(image, 16).Top);
    }
}
