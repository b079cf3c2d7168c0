using System.Collections.Concurrent;
using MedVid.Grains.Runtime;
using Orleans;

namespace MedVid.Grains.UnitTests.Support;

/// <summary>A grain made for tests: it awaits in the middle of its turn and reports how many turns overlap.</summary>
public interface IProbeGrain : IGrainWithGuidKey
{
    /// <summary>Reads the counter, awaits <paramref name="delayMs"/>, then writes counter + 1.</summary>
    Task<int> IncrementAsync(int delayMs);

    /// <summary>Publishes <paramref name="tag"/> and sends it to queue "probe", then increments the counter.</summary>
    Task<int> IncrementAndPublishAsync(string tag);

    /// <summary>Queues a message, then throws: a failed turn must deliver nothing.</summary>
    Task FailAfterPublishAsync();

    /// <summary>Changes the counter in memory, then throws before writing it.</summary>
    Task FailAfterChangingStateAsync();

    Task<int> GetAsync();
}

public sealed class ProbeState
{
    public int Value { get; set; }
    public List<string> Tags { get; set; } = [];
}

public sealed record ProbeEvent(string Tag);

/// <summary>Shared by all probe grain activations of one silo: counts activations and overlapping turns per key.</summary>
public sealed class ProbeMonitor
{
    private readonly ConcurrentDictionary<Guid, int> _inTurn = new();
    private int _activations;
    private int _maxOverlap;
    private int _inAnyTurn;
    private int _maxConcurrentTurns;

    public int Activations => Volatile.Read(ref _activations);

    /// <summary>The most turns of one key that ever ran at once (1 when turns never interleave).</summary>
    public int MaxOverlap => Volatile.Read(ref _maxOverlap);

    /// <summary>The most turns of any keys that ever ran at once.</summary>
    public int MaxConcurrentTurns => Volatile.Read(ref _maxConcurrentTurns);

    public void Activated() => Interlocked.Increment(ref _activations);

    public IDisposable Enter(Guid key)
    {
        RaiseTo(ref _maxOverlap, _inTurn.AddOrUpdate(key, 1, (_, n) => n + 1));
        RaiseTo(ref _maxConcurrentTurns, Interlocked.Increment(ref _inAnyTurn));
        return new Exit(() =>
        {
            Interlocked.Decrement(ref _inAnyTurn);
            _inTurn.AddOrUpdate(key, 0, (_, n) => n - 1);
        });
    }

    private static void RaiseTo(ref int max, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref max)) && Interlocked.CompareExchange(ref max, value, seen) != seen) { }
    }

    private sealed class Exit(Action exit) : IDisposable
    {
        public void Dispose() => exit();
    }
}

[GrainType("test-probe")]
public sealed class ProbeGrain : StatefulGrain<ProbeState>, IProbeGrain
{
    private readonly ProbeMonitor _monitor;

    public ProbeGrain(ProbeMonitor monitor) => _monitor = monitor;

    /// <summary>
    /// Counted here rather than in the constructor: Orleans may build an instance for an activation that loses its
    /// directory registration to one on another silo and never runs; only a registered activation gets here.
    /// </summary>
    public override Task OnActivateAsync(CancellationToken ct)
    {
        _monitor.Activated();
        return base.OnActivateAsync(ct);
    }

    public async Task<int> IncrementAsync(int delayMs)
    {
        using var _ = _monitor.Enter(Key);
        var read = State.Value;
        await Task.Delay(delayMs);
        State.Value = read + 1;
        await WriteStateAsync();
        return State.Value;
    }

    public async Task<int> IncrementAndPublishAsync(string tag)
    {
        using var _ = _monitor.Enter(Key);
        Publish(new ProbeEvent(tag));
        Send("probe", new ProbeEvent(tag));
        State.Value++;
        State.Tags.Add(tag);
        // Hold the turn between change and write, so that a second activation (if there were one) would certainly overlap it.
        await Task.Delay(2);
        await WriteStateAsync();
        return State.Value;
    }

    public async Task FailAfterPublishAsync()
    {
        Publish(new ProbeEvent("never"));
        await Task.Yield();
        throw new IllegalTransitionException("probe refuses");
    }

    public async Task FailAfterChangingStateAsync()
    {
        State.Value += 100;
        await Task.Yield();
        throw new IllegalTransitionException("probe refuses after a change");
    }

    public Task<int> GetAsync() => Task.FromResult(State.Value);
}
