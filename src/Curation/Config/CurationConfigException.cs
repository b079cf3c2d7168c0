namespace MedVid.Curation.Config;

/// <summary>Thrown when a configuration is invalid; <see cref="Errors"/> lists every problem found,
/// each naming the JSON path of the offending value.</summary>
public sealed class CurationConfigException(IReadOnlyList<string> errors)
    : Exception("Invalid curation configuration: " + string.Join(" ", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
