namespace MedVid.Compute.Curation;

/// <summary>
/// Configuration section "Curation" of a compute host. The LLM API key lives here, on the hosts, never in a submitted
/// configuration: work-item payloads are stored in the scheduler's state.
/// </summary>
public sealed class CurationHostOptions
{
    public const string Section = "Curation";

    public string? LlmApiKey { get; set; }
}
