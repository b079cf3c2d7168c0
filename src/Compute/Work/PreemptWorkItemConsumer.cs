using MassTransit;
using MedVid.Contracts;
using Microsoft.Extensions.Logging;

namespace MedVid.Compute.Work;

/// <summary>Asks a running work item to give back its GPUs; it reports <see cref="WorkItemPreempted"/> when it did.</summary>
public sealed class PreemptWorkItemConsumer(RunningWork running, ILogger<PreemptWorkItemConsumer> log) : IConsumer<PreemptWorkItem>
{
    public Task Consume(ConsumeContext<PreemptWorkItem> context)
    {
        var notice = context.Message;
        var reached = running.Preempt(notice.WorkItemId, notice.Attempt);
        log.LogInformation("Preempting work item {Id} attempt {Attempt} ({State}): {Reason}", notice.WorkItemId, notice.Attempt,
            reached ? "running" : "not started yet", notice.Reason);
        return Task.CompletedTask;
    }
}
