using MedVid.Grains.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace MedVid.Grains.Runtime;

/// <summary>
/// Base of every MedVid grain: an Orleans grain with persistent state (written explicitly) and an outbox whose
/// messages go out only after the call succeeded. A call that throws may have changed the in-memory state without
/// writing it, so the activation is dropped and the next call starts again from the stored state.
/// </summary>
public abstract class StatefulGrain<TState> : Grain<TState>, IIncomingGrainCallFilter where TState : class, new()
{
    private readonly List<OutgoingMessage> _outbox = [];

    protected Guid Key => this.GetPrimaryKey();

    /// <summary>Publishes an event once the current call has succeeded.</summary>
    protected void Publish(object message) => _outbox.Add(new OutgoingMessage(message, null));

    /// <summary>Sends a command to a named queue once the current call has succeeded.</summary>
    protected void Send(string queueName, object message) => _outbox.Add(new OutgoingMessage(message, queueName));

    Task IIncomingGrainCallFilter.Invoke(IIncomingGrainCallContext context) => RunTurnAsync(context.Invoke);

    /// <summary>
    /// Runs one turn: its messages go out if it succeeds; if it throws they are dropped and the activation is
    /// discarded. Calls pass through here by the call filter; timer ticks must call it themselves.
    /// </summary>
    protected async Task RunTurnAsync(Func<Task> turn)
    {
        try
        {
            await turn();
        }
        catch
        {
            _outbox.Clear();
            DeactivateOnIdle();
            throw;
        }
        await FlushOutboxAsync();
    }

    private async Task FlushOutboxAsync()
    {
        if (_outbox.Count == 0) return;
        var outbox = ServiceProvider.GetRequiredService<IMessageOutbox>();
        var messages = _outbox.ToList();
        _outbox.Clear();
        foreach (var message in messages) await message.DeliverAsync(outbox, CancellationToken.None);
    }
}
