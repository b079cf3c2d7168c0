using System.Collections.Concurrent;

namespace MedVid.Compute.Work;

/// <summary>Work items running on this host, so that a cancel command can reach them and a duplicate delivery is ignored.</summary>
public sealed class RunningWork
{
    private readonly ConcurrentDictionary<Guid, CancellationTokenSource> _running = new();

    // A cancel can overtake its item while the item still waits in this host's queue; remember it so the item is skipped.
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _cancelledBeforeStart = new();

    /// <summary>Registers an item; null when it is already running here (a duplicate delivery).</summary>
    public CancellationTokenSource? TryStart(Guid workItemId, CancellationToken hostStopping)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(hostStopping);
        if (_cancelledBeforeStart.TryRemove(workItemId, out _)) cts.Cancel();
        if (_running.TryAdd(workItemId, cts)) return cts;
        cts.Dispose();
        return null;
    }

    public void Finish(Guid workItemId)
    {
        if (_running.TryRemove(workItemId, out var cts)) cts.Dispose();
    }

    public bool Cancel(Guid workItemId)
    {
        if (!_running.TryGetValue(workItemId, out var cts))
        {
            _cancelledBeforeStart[workItemId] = DateTimeOffset.UtcNow;
            return false;
        }
        try
        {
            cts.Cancel();
            return true;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    public int Count => _running.Count;
}
