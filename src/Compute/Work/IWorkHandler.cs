using MedVid.Contracts.Training;

namespace MedVid.Compute.Work;

/// <summary>
/// Executes one kind of work item on a host, as the bus carries it: the payload and the result as JSON. Handlers derive
/// from <see cref="WorkHandler{TPayload, TResult}"/>, which types both.
/// </summary>
public interface IWorkHandler
{
    string Kind { get; }

    /// <summary>
    /// Runs the item; must be idempotent (a re-dispatched item runs again) and must honour cancellation. GPU work should also
    /// honour <see cref="WorkContext.Preemption"/>: store what it did and throw <see cref="WorkPreemptedException"/>.
    /// </summary>
    /// <returns>The result as JSON, for WorkItemSucceeded.ResultJson.</returns>
    Task<string> ExecuteAsync(WorkContext context, CancellationToken ct);
}

/// <summary>
/// What a handler gets: the item, a private scratch folder, a way to report progress, the GPUs it was placed on, and a
/// token that is signalled when the scheduler reclaims those GPUs (preemption).
/// </summary>
public sealed record WorkContext(Guid WorkItemId, Guid TeamId, string PayloadJson, string ScratchDirectory, IProgress<WorkProgress> Progress)
{
    public IReadOnlyList<int> GpuIndexes { get; init; } = [];

    public CancellationToken Preemption { get; init; }

    /// <summary>
    /// Publishes an advisory event beyond progress (a training run's stored checkpoints); the host sends it on the bus
    /// without waiting, so what it reports must also reach its owner through the work item's result.
    /// </summary>
    public Func<object, CancellationToken, Task> Publish { get; init; } = (_, _) => Task.CompletedTask;
}

/// <summary>Progress of a handler: fraction in [0, 1], a short message, optional metrics.</summary>
public sealed record WorkProgress(double Fraction, string? Message = null, TrainingProgress? Training = null);
