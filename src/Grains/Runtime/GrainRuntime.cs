using MedVid.Grains.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MedVid.Grains.Runtime;

/// <summary>
/// Runs grain turns: take the per-key turn, load the state, create the grain, call it, and on a concurrency
/// conflict (another process wrote first) reload and run the whole turn again. Queued messages are delivered
/// only after the turn succeeded.
/// </summary>
public sealed class GrainRuntime(GrainStateStore store, IServiceProvider services, IMessageOutbox outbox, ILogger<GrainRuntime> log)
{
    /// <summary>How many times a turn is re-run after losing a write race before the conflict is reported.</summary>
    public const int MaxAttempts = 40;

    /// <summary>Upper bound of the randomised back-off between re-runs, so a hot grain cannot starve one caller.</summary>
    private const int MaxBackoffMilliseconds = 250;

    private readonly TurnLocks _turns = new();

    internal int ActiveTurnKeys => _turns.ActiveKeys;

    public async Task<T> InvokeAsync<T>(GrainBinding binding, Guid key, Func<object, Task<T>> call)
    {
        using var turn = await _turns.AcquireAsync(binding.TypeName, key, CancellationToken.None);
        for (var attempt = 1; ; attempt++)
        {
            var (state, version) = await store.LoadAsync(binding, key, CancellationToken.None);
            var index = state is IIndexedState indexed ? indexed.IndexEntries().Distinct().ToList() : [];
            var context = new GrainContext(binding, key, state, version, index, store);
            await using var scope = services.CreateAsyncScope();
            var grain = ActivatorUtilities.CreateInstance(scope.ServiceProvider, binding.Implementation);
            ((IGrainInstance)grain).Attach(context);
            try
            {
                var result = await call(grain);
                foreach (var message in context.Outbox)
                    await message.DeliverAsync(outbox, CancellationToken.None);
                return result;
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                log.LogDebug("Turn of {Type}/{Key} lost a write race (attempt {Attempt}); reloading", binding.TypeName, key, attempt);
                await Task.Delay(Backoff(attempt));
            }
        }
    }

    /// <summary>Full-jitter exponential back-off: a caller that keeps losing waits longer, and the winners spread out.</summary>
    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Random.Shared.Next(0, Math.Min(MaxBackoffMilliseconds, 1 << Math.Min(attempt, 16)) + 1));
}
