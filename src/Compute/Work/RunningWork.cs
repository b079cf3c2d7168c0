using System.Collections.Concurrent;

namespace MedVid.Compute.Work;

/// <summary>
/// Work items running on this host, so that cancel and preempt commands can reach them and a duplicate delivery is
/// ignored. Commands name an attempt where they can, so a late one cannot reach the item's next attempt on this host.
/// </summary>
public sealed class RunningWork
{
    private readonly ConcurrentDictionary<Guid, RunningAttempt> _running = new();

    // A command can overtake its item while the item still waits in this host's queue; remember it so the item is
    // skipped (cancel) or gives its GPUs back at once (preempt).
    private readonly ConcurrentDictionary<(Guid Id, int? Attempt), DateTimeOffset> _cancelledBeforeStart = new();
    private readonly ConcurrentDictionary<(Guid Id, int Attempt), DateTimeOffset> _preemptedBeforeStart = new();

    /// <summary>Registers an attempt; null when the item is already running here (a duplicate delivery).</summary>
    public RunningAttempt? TryStart(Guid workItemId, int attempt, CancellationToken hostStopping)
    {
        var running = new RunningAttempt(attempt, CancellationTokenSource.CreateLinkedTokenSource(hostStopping));
        if (_cancelledBeforeStart.TryRemove((workItemId, attempt), out _) | _cancelledBeforeStart.TryRemove((workItemId, null), out _))
            running.Cancellation.Cancel();
        if (_preemptedBeforeStart.TryRemove((workItemId, attempt), out _)) running.Preemption.Cancel();
        if (_running.TryAdd(workItemId, running)) return running;
        running.Dispose();
        return null;
    }

    public void Finish(Guid workItemId)
    {
        if (_running.TryRemove(workItemId, out var running)) running.Dispose();
    }

    /// <summary>Stops the item (only <paramref name="attempt"/> of it, when given).</summary>
    public bool Cancel(Guid workItemId, int? attempt = null)
    {
        if (!_running.TryGetValue(workItemId, out var running) || attempt is { } a && running.Attempt != a)
        {
            _cancelledBeforeStart[(workItemId, attempt)] = DateTimeOffset.UtcNow;
            return false;
        }
        return Signal(running.Cancellation);
    }

    /// <summary>Asks the attempt to give back its GPUs at its next safe point (a training step, a finished video).</summary>
    public bool Preempt(Guid workItemId, int attempt)
    {
        if (!_running.TryGetValue(workItemId, out var running) || running.Attempt != attempt)
        {
            _preemptedBeforeStart[(workItemId, attempt)] = DateTimeOffset.UtcNow;
            return false;
        }
        return Signal(running.Preemption);
    }

    public int Count => _running.Count;

    private static bool Signal(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
            return true;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }
}

/// <summary>One attempt running here: <see cref="Cancellation"/> stops it, <see cref="Preemption"/> asks it to give back its GPUs.</summary>
public sealed class RunningAttempt(int attempt, CancellationTokenSource cancellation) : IDisposable
{
    public int Attempt { get; } = attempt;

    public CancellationTokenSource Cancellation { get; } = cancellation;

    public CancellationTokenSource Preemption { get; } = new();

    public void Dispose()
    {
        Cancellation.Dispose();
        Preemption.Dispose();
    }
}
