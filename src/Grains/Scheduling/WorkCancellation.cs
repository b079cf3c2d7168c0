using MedVid.Grains.Abstractions;

namespace MedVid.Grains.Scheduling;

public static class WorkCancellation
{
    /// <summary>Stops an owner's work item. One that already ended needs no stopping, so that refusal is not an error here.</summary>
    public static async Task CancelAsync(IGrainFactory grains, Guid workItemId, Guid teamId)
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
