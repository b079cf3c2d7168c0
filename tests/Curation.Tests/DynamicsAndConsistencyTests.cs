using MedVid.Curation.Stages;

namespace MedVid.Curation.Tests;

public sealed class DynamicsAndConsistencyTests
{
    private static CandidateClip Clip(IReadOnlyList<RgbFrame> frames) =>
        CandidateClip.FromFrames("s/0", new CurationSource("s", "endoscopy", 1280, 720), 25, frames);

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(50, true)]
    [InlineData(100, true)]
    [InlineData(101, false)]
    public void Dynamics_filter_keeps_2_to_100_keyframes(int keyframes, bool kept)
    {
        var decision = new DynamicsFilter(new DynamicsFilterConfig()).Decide("c", keyframes);
        Assert.Equal(kept, decision.Kept);
        Assert.Equal(keyframes, decision.Metrics["dynamics.keyframes"]);
    }

    [Fact]
    public async Task Keyframes_are_counted_from_content_changes()
    {
        var filter = new DynamicsFilter(new DynamicsFilterConfig());
        var staticClip = Clip(Enumerable.Repeat(SyntheticFrames.Texture(64, 48, 0.1), 60).ToList());
        var changing = Clip(SyntheticFrames.HardCuts(scenes: 3, sceneLength: 20));

        Assert.Equal(1, filter.CountKeyframes(staticClip).Keyframes);
        Assert.False((await filter.EvaluateAsync(staticClip)).Kept);
        Assert.Equal(3, filter.CountKeyframes(changing).Keyframes);
        Assert.True((await filter.EvaluateAsync(changing)).Kept);
    }

    [Fact]
    public async Task Temporal_consistency_keeps_a_pan_and_drops_a_flash()
    {
        var filter = new TemporalConsistencyFilter(new TemporalConsistencyConfig());
        var pan = Enumerable.Range(0, 30).Select(i => SyntheticFrames.Texture(64, 48, 0.1, offsetX: i)).ToList();
        var flashed = pan.ToList();
        flashed[15] = SyntheticFrames.Noise(64, 48, seed: 9);

        var panDecision = await filter.EvaluateAsync(Clip(pan));
        var flashDecision = await filter.EvaluateAsync(Clip(flashed));

        Assert.True(panDecision.Kept, panDecision.Reason);
        Assert.True(panDecision.Metrics["temporal.minSimilarity"] > 0.9);
        Assert.False(flashDecision.Kept);
        Assert.True(flashDecision.Metrics["temporal.worstFrame"] is 15 or 16);
    }

    [Fact]
    public async Task Resolution_filter_compares_long_and_short_sides()
    {
        var filter = new ResolutionFilter(new ResolutionFilterConfig());
        Task<StageDecision> Judge(int w, int h) => filter.EvaluateAsync(CandidateClip.FromFrames("c", new CurationSource("s", "m", w, h), 25, [SyntheticFrames.Solid(8, 8, 1, 2, 3)]));

        Assert.True((await Judge(720, 480)).Kept);
        Assert.True((await Judge(480, 720)).Kept);
        Assert.False((await Judge(640, 480)).Kept);
        Assert.False((await Judge(1280, 400)).Kept);
        Assert.Equal("below 720x480", (await Judge(640, 480)).Reason);
    }
}
