using System.Text.Json;

namespace MedVid.Compute.Work;

/// <summary>
/// A handler of one kind of work with its payload and result types (the records in MedVid.Contracts): the payload is
/// read from the work item before <see cref="ExecuteAsync(TPayload, WorkContext, CancellationToken)"/> runs and the
/// result written as the item's result.
/// </summary>
public abstract class WorkHandler<TPayload, TResult> : IWorkHandler where TPayload : class where TResult : class
{
    public abstract string Kind { get; }

    async Task<string> IWorkHandler.ExecuteAsync(WorkContext context, CancellationToken ct)
    {
        var payload = JsonSerializer.Deserialize<TPayload>(context.PayloadJson)
            ?? throw new InvalidOperationException($"The '{Kind}' work item has an empty payload.");
        return JsonSerializer.Serialize(await ExecuteAsync(payload, context, ct));
    }

    protected abstract Task<TResult> ExecuteAsync(TPayload payload, WorkContext context, CancellationToken ct);

    /// <summary>The work ran to the end without achieving its purpose; <paramref name="result"/> is reported with the failure.</summary>
    protected static WorkFailedException Failed(string message, TResult result) => new(message, JsonSerializer.Serialize(result));
}
