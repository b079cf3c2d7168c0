namespace MedVid.Compute.Work;

/// <summary>
/// A work item that ran to the end but did not achieve its purpose; <see cref="ResultJson"/> is what it still produced,
/// reported with the failure so that its owner can keep it.
/// </summary>
public sealed class WorkFailedException(string message, string resultJson) : Exception(message)
{
    public string ResultJson { get; } = resultJson;
}
