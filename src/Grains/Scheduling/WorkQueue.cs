using System.Text.Json;
using MedVid.Grains.Abstractions;

using Orleans;

namespace MedVid.Grains.Scheduling;

/// <summary>How owner grains put their work on the scheduler's queue and take it off again.</summary>
public static class WorkQueue
{
    /// <summary>Queues a work item (idempotent by its id) owned by the calling grain.</summary>
    public static Task<WorkItemView> EnqueueAsync(
        this IGrainFactory grains, Guid workItemId, Guid teamId, string kind, object payload, WorkOwner owner, int gpus, long gpuMemoryMiB = 0) =>
        grains.GetGrain<ISchedulerGrain>(SchedulerGrain.Id).EnqueueAsync(new WorkItemRequest(
            workItemId, teamId, kind, JsonSerializer.Serialize(payload, payload.GetType()), owner, Priority: 0, gpus, gpuMemoryMiB));

    /// <summary>Stops an owner's work item. One that already ended needs no stopping, so that refusal is not an error here.</summary>
    public static async Task CancelAsync(this IGrainFactory grains, Guid workItemId, Guid teamId)
    {
        try
        {
            await grains.GetGrain<ISchedulerGrain>(SchedulerGrain.Id).CancelAsync(workItemId, teamId);
        }
        catch (IllegalTransitionException)
        {
        }
    }
}
