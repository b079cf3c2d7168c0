using MedVid.Curation.Imaging;
using MedVid.Curation.Stages;

namespace MedVid.Curation.Tests;

public sealed class QualityTests
{
    private static CandidateClip Clip(RgbFrame frame) =>
        CandidateClip.FromFrames("s/0", new CurationSource("s", "endoscopy", 1280, 720), 25, [frame, frame, frame]);

    private static GrayImage Gray(RgbFrame frame) => GrayImage.FromRgb(frame);

    [Fact]
    public async Task Blurred_frame_scores_lower_sharpness_and_is_dropped()
    {
        var sharp = Gray(SyntheticFrames.Noise(96, 96, seed: 3));
        var blurred = Convolution.GaussianBlur(sharp, sigma: 3);

        Assert.True(QualityMetrics.Sharpness(blurred) < QualityMetrics.Sharpness(sharp) / 10);

        var blurredFrame = RgbFrame.Blank(96, 96);
        for (int i = 0; i < blurred.Data.Length; i++)
            blurredFrame.Pixels[3 * i] = blurredFrame.Pixels[3 * i + 1] = blurredFrame.Pixels[3 * i + 2] = (byte)blurred.Data[i];
        var decision = await new TechnicalQualityFilter(new TechnicalQualityConfig()).EvaluateAsync(Clip(blurredFrame));
        Assert.False(decision.Kept);
        Assert.Contains("blurred", decision.Reason);
    }

    [Fact]
    public async Task Black_and_white_frames_fail_exposure()
    {
        var filter = new TechnicalQualityFilter(new TechnicalQualityConfig());
        var black = await filter.EvaluateAsync(Clip(SyntheticFrames.Solid(64, 64, 0, 0, 0)));
        var white = await filter.EvaluateAsync(Clip(SyntheticFrames.Solid(64, 64, 255, 255, 255)));

        Assert.False(black.Kept);
        Assert.Contains("under-exposed", black.Reason);
        Assert.False(white.Kept);
        Assert.Contains("over-exposed", white.Reason);
        Assert.Equal(1.0, white.Metrics["quality.clippedFraction"]);
    }

    [Fact]
    public async Task Well_exposed_sharp_frame_passes()
    {
        var decision = await new TechnicalQualityFilter(new TechnicalQualityConfig()).EvaluateAsync(Clip(SyntheticFrames.Noise(64, 64, seed: 1)));
        Assert.True(decision.Kept, decision.Reason);
    }

    [Fact]
    public void Eight_by_eight_blocks_raise_blockiness()
    {
        var smooth = Gray(SyntheticFrames.Texture(128, 128, 0.2));
        var blocky = new GrayImage(128, 128);
        var random = new Random(5);
        var blockValues = new float[16, 16];
        for (int by = 0; by < 16; by++)
        for (int bx = 0; bx < 16; bx++)
            blockValues[bx, by] = random.Next(40, 220);
        for (int y = 0; y < 128; y++)
        for (int x = 0; x < 128; x++)
            blocky[x, y] = blockValues[x / 8, y / 8];

        double smoothScore = QualityMetrics.Blockiness(smooth), blockyScore = QualityMetrics.Blockiness(blocky);

        Assert.InRange(smoothScore, 0.7, 1.5);
        Assert.True(blockyScore > 10 * smoothScore, $"blocky {blockyScore} vs smooth {smoothScore}");
    }
}
