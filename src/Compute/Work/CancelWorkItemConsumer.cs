using MassTransit;
using MedVid.Contracts;

namespace MedVid.Compute.Work;

/// <summary>Stops a running work item; the item then reports itself failed with "cancelled".</summary>
public sealed class CancelWorkItemConsumer(RunningWork running) : IConsumer<CancelWorkItem>
{
    public Task Consume(ConsumeContext<CancelWorkItem> context)
    {
        running.Cancel(context.Message.WorkItemId, context.Message.Attempt);
        return Task.CompletedTask;
    }
}
