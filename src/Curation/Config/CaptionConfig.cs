namespace MedVid.Curation.Config;

public enum LlmCaptionMode
{
    /// <summary>Bora: frames sampled evenly from the clip plus background knowledge about the source dataset.</summary>
    BackgroundInjected,

    /// <summary>Ophora: rewrite a surgeon's narrative into a generation instruction, dropping narrative that is not visible.</summary>
    NarrativeRefining,
}

/// <summary>Captions. Templates always run (they need no service); placeholders are
/// {modality}, {title}, {description}, {duration} (seconds) and {label:NAME}. A template whose
/// placeholders are all missing for a clip is skipped. The LLM captioner runs only when
/// <see cref="Llm"/> has an endpoint.</summary>
public sealed record CaptionConfig
{
    /// <summary>Default: Bora's modal-alignment caption "This is a {modality} video." and a descriptive one.</summary>
    public IReadOnlyList<string> Templates { get; init; } =
    [
        "This is a {modality} video.",
        "A {modality} video: {title}. {description}",
    ];

    public LlmCaptionConfig Llm { get; init; } = new();

    internal IEnumerable<string> Validate(string path)
    {
        if (Templates.Count == 0 && !Llm.IsConfigured) yield return $"{path}.templates must not be empty when no LLM endpoint is configured (every clip needs a caption).";
        foreach (var template in Templates)
            if (string.IsNullOrWhiteSpace(template)) yield return $"{path}.templates must not contain empty templates.";
        foreach (var error in Llm.Validate(path + ".llm")) yield return error;
    }
}

/// <summary>An OpenAI-compatible chat endpoint (POST {Endpoint}/v1/chat/completions).</summary>
public sealed record LlmCaptionConfig
{
    /// <summary>Base address, e.g. http://localhost:8000. Null or empty: no LLM, no HTTP call.</summary>
    public string? Endpoint { get; init; }
    public string Model { get; init; } = "gpt-4o";

    /// <summary>Environment variable holding the API key; keys are not stored in dataset versions.</summary>
    public string ApiKeyEnvironmentVariable { get; init; } = "MEDVID_LLM_API_KEY";

    /// <summary>An API key given directly (for example by a host that reads it from its secret store).
    /// Cleared by <see cref="CurationConfig.Redacted"/> before a config is recorded.</summary>
    public string? ApiKey { get; init; }

    public LlmCaptionMode Mode { get; init; } = LlmCaptionMode.BackgroundInjected;

    /// <summary>Frames sent as images per clip: MedGen sends 8 uniformly sampled frames.</summary>
    public int FramesPerRequest { get; init; } = 8;

    /// <summary>Side of the square-fitted images sent to the model, to keep requests small.</summary>
    public int ImageMaxSide { get; init; } = 256;

    public double Temperature { get; init; } = 0.2;
    public int TimeoutSeconds { get; init; } = 120;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Endpoint);

    public string? ResolveApiKey() =>
        !string.IsNullOrEmpty(ApiKey) ? ApiKey
        : string.IsNullOrEmpty(ApiKeyEnvironmentVariable) ? null
        : Environment.GetEnvironmentVariable(ApiKeyEnvironmentVariable);

    internal IEnumerable<string> Validate(string path)
    {
        if (IsConfigured && !Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri))
            yield return $"{path}.endpoint must be an absolute http(s) URL, was '{Endpoint}'.";
        else if (IsConfigured && Uri.TryCreate(Endpoint, UriKind.Absolute, out var u) && u.Scheme is not ("http" or "https"))
            yield return $"{path}.endpoint must use http or https, was '{Endpoint}'.";
        if (IsConfigured && string.IsNullOrWhiteSpace(Model)) yield return $"{path}.model must be set when an endpoint is configured.";
        if (FramesPerRequest is < 0 or > 64) yield return $"{path}.framesPerRequest must be in [0, 64], was {FramesPerRequest}.";
        if (ImageMaxSide is < 16 or > 2048) yield return $"{path}.imageMaxSide must be in [16, 2048], was {ImageMaxSide}.";
        if (Temperature is < 0 or > 2) yield return $"{path}.temperature must be in [0, 2], was {Temperature}.";
        if (TimeoutSeconds < 1) yield return $"{path}.timeoutSeconds must be at least 1, was {TimeoutSeconds}.";
    }
}
