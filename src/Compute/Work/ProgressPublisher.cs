using MassTransit;
using MedVid.Contracts;

namespace MedVid.Compute.Work;

/// <summary>Publishes a handler's progress, at most every <see cref="MinInterval"/> so a chatty handler cannot flood the scheduler.</summary>
public sealed class ProgressPublisher(IBus bus, ExecuteWorkItem item, string hostId, TimeProvider clock) : IProgress<WorkProgress>
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(500);

    private DateTimeOffset _last = DateTimeOffset.MinValue;

    public void Report(WorkProgress value)
    {
        var now = clock.GetUtcNow();
        lock (this)
        {
            if (now - _last < MinInterval && value.Fraction < 1) return;
            _last = now;
        }
        // Progress is advisory: a lost progress message is replaced by the next one, so it is not awaited.
        _ = bus.Publish(new WorkItemProgressed(item.WorkItemId, item.Attempt, hostId, value.Fraction, value.Message, value.Training, now));
    }
}
