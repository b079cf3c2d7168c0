using System.Text.Json;
using System.Text.Json.Serialization;

namespace MedVid.Curation.Config;

/// <summary>Everything a curation run needs, JSON-serialisable (camelCase, enums as strings).
/// Every default is the value the papers report; see docs/curation.md for the sources.
/// Start from a preset (<see cref="FromPreset"/>) and override with <c>with</c> or JSON.</summary>
public sealed record CurationConfig
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Preset this config started from (informational).</summary>
    public string Preset { get; init; } = "default";

    public AnalysisConfig Analysis { get; init; } = new();
    public SceneDetectionConfig SceneDetection { get; init; } = new();
    public ClipSplitConfig ClipSplit { get; init; } = new();

    /// <summary>Order in which the clip filters run; filters disabled in their section are skipped.</summary>
    public IReadOnlyList<string> FilterOrder { get; init; } = StageNames.Filters;

    public ResolutionFilterConfig Resolution { get; init; } = new();
    public DynamicsFilterConfig Dynamics { get; init; } = new();
    public TemporalConsistencyConfig TemporalConsistency { get; init; } = new();
    public BlackBorderConfig BlackBorder { get; init; } = new();
    public TechnicalQualityConfig TechnicalQuality { get; init; } = new();
    public TextOverlayConfig TextOverlay { get; init; } = new();
    public OutputShapeConfig Output { get; init; } = new();
    public CaptionConfig Captions { get; init; } = new();
    public ModalityBalanceConfig Balance { get; init; } = new();
    public SplitConfig Split { get; init; } = new();

    public static IReadOnlyList<string> PresetNames => ["default", "bora", "bora-128", "medgen", "ophora"];

    /// <summary>Named presets: "default" (all filters, 256x256), "bora" (256x256, adaptive sampling,
    /// modality balancing, no keyframe-count filter, no 720x480 resolution floor since Bora's sources are small), "bora-128"
    /// (the same at 128x128), "medgen" (720x480 output, 480p floor) and "ophora" (720x480, 49
    /// frames zero-padded, narrative refining when an LLM is configured).</summary>
    public static CurationConfig FromPreset(string name) => name switch
    {
        "default" => new CurationConfig(),
        "bora" => new CurationConfig
        {
            Preset = "bora",
            Resolution = new ResolutionFilterConfig { MinWidth = 256, MinHeight = 256 },
            // Bora curates by adaptive frame sampling (K), not by Ophora's keyframe count.
            Dynamics = new DynamicsFilterConfig { Enabled = false },
            Output = new OutputShapeConfig { Width = 256, Height = 256, SamplingThresholdK = 6 },
            Balance = new ModalityBalanceConfig { Enabled = true, Mode = ModalityBalanceMode.Cap },
            Captions = new CaptionConfig { Llm = new LlmCaptionConfig { Mode = LlmCaptionMode.BackgroundInjected } },
        },
        "bora-128" => FromPreset("bora") with
        {
            Preset = "bora-128",
            Resolution = new ResolutionFilterConfig { MinWidth = 128, MinHeight = 128 },
            Output = new OutputShapeConfig { Width = 128, Height = 128, SamplingThresholdK = 6 },
        },
        "medgen" => new CurationConfig
        {
            Preset = "medgen",
            Resolution = new ResolutionFilterConfig { MinWidth = 640, MinHeight = 480 },
            ClipSplit = new ClipSplitConfig { MinSeconds = 6, MaxSeconds = 10 },
            Output = new OutputShapeConfig { Width = 720, Height = 480 },
        },
        "ophora" => new CurationConfig
        {
            Preset = "ophora",
            Output = new OutputShapeConfig { Width = 720, Height = 480, FrameCount = 49 },
            Captions = new CaptionConfig { Llm = new LlmCaptionConfig { Mode = LlmCaptionMode.NarrativeRefining } },
        },
        _ => throw new CurationConfigException([$"preset must be one of {string.Join(", ", PresetNames)}; was '{name}'."]),
    };

    /// <summary>Every problem in this config, each naming its JSON path; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        errors.AddRange(Analysis.Validate("analysis"));
        errors.AddRange(SceneDetection.Validate("sceneDetection"));
        errors.AddRange(ClipSplit.Validate("clipSplit"));
        if (ClipSplit.MaxSeconds > Analysis.WindowSeconds)
            errors.Add($"clipSplit.maxSeconds ({ClipSplit.MaxSeconds}) must not exceed analysis.windowSeconds ({Analysis.WindowSeconds}).");
        errors.AddRange(Resolution.Validate("resolution"));
        errors.AddRange(Dynamics.Validate("dynamics"));
        errors.AddRange(TemporalConsistency.Validate("temporalConsistency"));
        errors.AddRange(BlackBorder.Validate("blackBorder"));
        errors.AddRange(TechnicalQuality.Validate("technicalQuality"));
        errors.AddRange(TextOverlay.Validate("textOverlay"));
        errors.AddRange(Output.Validate("output"));
        errors.AddRange(Captions.Validate("captions"));
        errors.AddRange(Balance.Validate("balance"));
        errors.AddRange(Split.Validate("split"));
        foreach (var name in FilterOrder.Where(n => !StageNames.Filters.Contains(n)))
            errors.Add($"filterOrder contains unknown filter '{name}'; known: {string.Join(", ", StageNames.Filters)}.");
        foreach (var group in FilterOrder.GroupBy(n => n).Where(g => g.Count() > 1))
            errors.Add($"filterOrder lists '{group.Key}' more than once.");
        return errors;
    }

    /// <summary>Throws <see cref="CurationConfigException"/> listing every problem.</summary>
    public CurationConfig EnsureValid()
    {
        var errors = Validate();
        if (errors.Count > 0) throw new CurationConfigException(errors);
        return this;
    }

    /// <summary>A copy safe to record in a dataset version: the API key is removed.</summary>
    public CurationConfig Redacted() => this with { Captions = Captions with { Llm = Captions.Llm with { ApiKey = null } } };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Parses and validates; a missing section or value keeps its default.</summary>
    public static CurationConfig FromJson(string json)
    {
        CurationConfig? config;
        try
        {
            config = JsonSerializer.Deserialize<CurationConfig>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new CurationConfigException([$"config is not valid JSON for a curation config: {e.Message}"]);
        }
        if (config is null) throw new CurationConfigException(["config must be a JSON object, was null."]);
        return config.EnsureValid();
    }
}
