namespace MedVid.Curation.Tests;

public sealed class ConfigTests
{
    [Fact]
    public void Defaults_carry_the_papers_thresholds()
    {
        var config = new CurationConfig();
        Assert.Empty(config.Validate());
        Assert.Equal(27.0, config.SceneDetection.Threshold);
        Assert.Equal(15, config.SceneDetection.MinSceneLengthFrames);
        Assert.Equal((2, 100), (config.Dynamics.MinKeyframes, config.Dynamics.MaxKeyframes));
        Assert.Equal((5, 20), (config.TextOverlay.SampleFrames, config.TextOverlay.MaxWords));
        Assert.Equal((720, 480), (config.Resolution.MinWidth, config.Resolution.MinHeight));
        Assert.Equal((256, 256), (config.Output.Width, config.Output.Height));
        Assert.Equal(0.2, config.Split.TestFraction);
        Assert.Equal(49, CurationConfig.FromPreset("ophora").Output.FrameCount);
    }

    [Theory]
    [InlineData("default")]
    [InlineData("bora")]
    [InlineData("bora-128")]
    [InlineData("medgen")]
    [InlineData("ophora")]
    public void Presets_are_valid_and_round_trip_through_json(string preset)
    {
        var config = CurationConfig.FromPreset(preset);
        var json = config.ToJson();
        Assert.Contains("\"detector\": \"content\"", json);
        Assert.Equal(json, CurationConfig.FromJson(json).ToJson());
    }

    [Fact]
    public void Partial_json_keeps_defaults()
    {
        var config = CurationConfig.FromJson("""{ "sceneDetection": { "detector": "adaptive" }, "split": { "testFraction": 0.1 } }""");
        Assert.Equal(SceneDetectorKind.Adaptive, config.SceneDetection.Detector);
        Assert.Equal(27.0, config.SceneDetection.Threshold);
        Assert.Equal(0.1, config.Split.TestFraction);
    }

    [Fact]
    public void Invalid_values_are_refused_with_every_problem_named()
    {
        var config = new CurationConfig
        {
            SceneDetection = new SceneDetectionConfig { Threshold = -1, MinSceneLengthFrames = 0 },
            ClipSplit = new ClipSplitConfig { MinSeconds = 8, MaxSeconds = 4 },
            Dynamics = new DynamicsFilterConfig { MinKeyframes = 10, MaxKeyframes = 5 },
            Output = new OutputShapeConfig { Width = 255 },
            Split = new SplitConfig { TestFraction = 1.5 },
            FilterOrder = ["resolution", "aesthetics"],
            Captions = new CaptionConfig { Llm = new LlmCaptionConfig { Endpoint = "not a url" } },
        };

        var error = Assert.Throws<CurationConfigException>(() => config.EnsureValid());

        Assert.Contains(error.Errors, e => e.StartsWith("sceneDetection.threshold must be in (0, 255]"));
        Assert.Contains(error.Errors, e => e.StartsWith("sceneDetection.minSceneLengthFrames must be at least 1"));
        Assert.Contains(error.Errors, e => e.StartsWith("clipSplit.maxSeconds (4) must not be less than minSeconds (8)"));
        Assert.Contains(error.Errors, e => e.StartsWith("dynamics.maxKeyframes (5) must not be less than minKeyframes (10)"));
        Assert.Contains(error.Errors, e => e.StartsWith("output.width/height must be even"));
        Assert.Contains(error.Errors, e => e.StartsWith("split.testFraction must be in [0, 1], was 1.5"));
        Assert.Contains(error.Errors, e => e.StartsWith("filterOrder contains unknown filter 'aesthetics'"));
        Assert.Contains(error.Errors, e => e.StartsWith("captions.llm.endpoint must be an absolute http(s) URL"));
        Assert.Equal(8, error.Errors.Count);
        Assert.Throws<CurationConfigException>(() => new MedVid.Curation.Pipeline.CurationPipeline(config));
    }

    [Fact]
    public void Unknown_preset_and_bad_json_are_refused()
    {
        Assert.Contains("preset must be one of", Assert.Throws<CurationConfigException>(() => CurationConfig.FromPreset("sora")).Message);
        Assert.Contains("not valid JSON", Assert.Throws<CurationConfigException>(() => CurationConfig.FromJson("{ \"split\": 3 }")).Message);
        Assert.Contains("textOverlay.maxWords", Assert.Throws<CurationConfigException>(() => CurationConfig.FromJson("""{ "textOverlay": { "maxWords": -1 } }""")).Message);
    }

    [Fact]
    public void Redacted_config_has_no_api_key()
    {
        var config = new CurationConfig { Captions = new CaptionConfig { Llm = new LlmCaptionConfig { Endpoint = "http://localhost:1", ApiKey = "sk-secret" } } };
        Assert.DoesNotContain("sk-secret", config.Redacted().ToJson());
        Assert.Equal("http://localhost:1", config.Redacted().Captions.Llm.Endpoint);
    }
}
