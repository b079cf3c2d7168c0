using MassTransit;
using MedVid.Contracts;
using MedVid.ControlPlane.Bus.Outcomes;
using MedVid.Grains.Abstractions;
using Orleans;
using MedVid.Grains.Scheduling;
using MedVid.Grains.Training;

namespace MedVid.ControlPlane.Bus;

/// <summary>Records what hosts report about work items: in the scheduler, then in the grain that owns the item.</summary>
public sealed class WorkItemStartedConsumer(IGrainFactory grains) : IConsumer<WorkItemStarted>
{
    public Task Consume(ConsumeContext<WorkItemStarted> context) =>
        grains.GetGrain<ISchedulerGrain>(SchedulerGrain.Id).ReportStartedAsync(context.Message);
}

public sealed class WorkItemProgressedConsumer(IGrainFactory grains, WorkOutcomeRouter router) : IConsumer<WorkItemProgressed>
{
    public async Task Consume(ConsumeContext<WorkItemProgressed> context)
    {
        var item = await grains.GetGrain<ISchedulerGrain>(SchedulerGrain.Id).ReportProgressAsync(context.Message);
        if (item is not null) await router.ProgressAsync(item, context.Message);
    }
}

public sealed class WorkItemSucceededConsumer(IGrainFactory grains, WorkOutcomeRouter router) : IConsumer<WorkItemSucceeded>
{
    public async Task Consume(ConsumeContext<WorkItemSucceeded> context)
    {
        var item = await grains.GetGrain<ISchedulerGrain>(SchedulerGrain.Id).ReportSucceededAsync(context.Message);
        if (item is not null) await router.SucceededAsync(item);
    }
}

public sealed class WorkItemFailedConsumer(IGrainFactory grains, WorkOutcomeRouter router) : IConsumer<WorkItemFailed>
{
    public async Task Consume(ConsumeContext<WorkItemFailed> context)
    {
        var item = await grains.GetGrain<ISchedulerGrain>(SchedulerGrain.Id).ReportFailedAsync(context.Message);
        if (item is not null) await router.FailedAsync(item);
    }
}

/// <summary>A training run stored a checkpoint: the run lists it, and evaluates it when it asked for that.</summary>
public sealed class TrainingCheckpointsStoredConsumer(IGrainFactory grains, TrainingRunOutcomes runs) : IConsumer<TrainingCheckpointsStored>
{
    public async Task Consume(ConsumeContext<TrainingCheckpointsStored> context)
    {
        await grains.GetGrain<ITrainingRunGrain>(context.Message.TrainingRunId).ReportCheckpointsStoredAsync(context.Message.Checkpoints);
        await runs.EvaluateCheckpointsAsync(context.Message.TrainingRunId);
    }
}

/// <summary>A host gave back a preempted item's GPUs: the scheduler requeues it and places the work that reclaimed them.</summary>
public sealed class WorkItemPreemptedConsumer(IGrainFactory grains) : IConsumer<WorkItemPreempted>
{
    public Task Consume(ConsumeContext<WorkItemPreempted> context) =>
        grains.GetGrain<ISchedulerGrain>(SchedulerGrain.Id).ReportPreemptedAsync(context.Message);
}
