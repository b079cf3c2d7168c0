using MedVid.Grains.Abstractions;

namespace MedVid.Grains.Runtime;

/// <summary>
/// Base of every grain class: a key, a state object loaded before the call, an explicit write, and an outbox.
/// A grain instance lives for one turn; the runtime re-runs the turn on a concurrency conflict, so a grain
/// must not do external side effects except through <see cref="Publish"/> and <see cref="Send"/>.
/// </summary>
public abstract class Grain<TState> : IGrainInstance where TState : class, new()
{
    private GrainContext? _context;

    private GrainContext Context => _context ?? throw new InvalidOperationException("The grain is not activated.");

    protected Guid Key => Context.Key;

    protected TState State => (TState)Context.State;

    /// <summary>True once the grain's state has been written at least once.</summary>
    protected bool IsPersisted => Context.Version > 0;

    protected Task WriteStateAsync(CancellationToken ct = default) => Context.WriteAsync(ct);

    /// <summary>Publishes an event after the turn's state is committed.</summary>
    protected void Publish(object message) => Context.Outbox.Add(new OutgoingMessage(message, null));

    /// <summary>Sends a command to a named queue after the turn's state is committed.</summary>
    protected void Send(string queueName, object message) => Context.Outbox.Add(new OutgoingMessage(message, queueName));

    void IGrainInstance.Attach(GrainContext context) => _context = context;
}

internal interface IGrainInstance
{
    void Attach(GrainContext context);
}
