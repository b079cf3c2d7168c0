using MedVid.Grains.Abstractions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MedVid.ControlPlane.Bus;

/// <summary>
/// Hands the grains' queued messages to the broker, one at a time in the order they were queued. An attempt that
/// fails, or hangs past <see cref="BusDeliveryOptions.AttemptTimeout"/>, is tried again until it succeeds, so a broker
/// outage delays messages without losing them; an abandoned attempt may still arrive, so delivery is at least once
/// (every consumer of a grain message tolerates a repeat). At shutdown the queue is closed and drained for
/// <see cref="BusDeliveryOptions.DrainTimeout"/>.
/// </summary>
public sealed class BusDeliveryService(BusDeliveryQueue queue, IMessageOutbox broker, BusDeliveryOptions options, ILogger<BusDeliveryService> log)
    : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _abandon = new();
    private Task _loop = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(DeliverQueuedAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Close();
        _abandon.CancelAfter(options.DrainTimeout);
        await _loop.WaitAsync(cancellationToken);
    }

    public void Dispose() => _abandon.Dispose();

    private async Task DeliverQueuedAsync()
    {
        try
        {
            await foreach (var message in queue.Reader.ReadAllAsync(_abandon.Token))
            {
                await DeliverAsync(message, _abandon.Token);
                queue.Completed();
            }
        }
        catch (OperationCanceledException) when (_abandon.IsCancellationRequested)
        {
            log.LogWarning("Stopped with {Count} grain message(s) not handed to the broker within {Drain}", queue.Pending, options.DrainTimeout);
        }
    }

    private async Task DeliverAsync(OutgoingMessage message, CancellationToken abandon)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(abandon);
            timeout.CancelAfter(options.AttemptTimeout);
            try
            {
                // WaitAsync too: a publish that ignores its token must not hold the queue.
                await message.DeliverAsync(broker, timeout.Token).WaitAsync(timeout.Token);
                if (attempt > 1) log.LogInformation("Delivered {Type} on attempt {Attempt}", message.Message.GetType().Name, attempt);
                return;
            }
            catch (Exception e) when (!abandon.IsCancellationRequested)
            {
                var reason = timeout.IsCancellationRequested ? $"no answer within {options.AttemptTimeout}" : e.Message;
                log.LogWarning("Delivering {Type} to {Destination} failed on attempt {Attempt} ({Reason}); trying again in {Delay}",
                    message.Message.GetType().Name, message.QueueName ?? "subscribers", attempt, reason, options.RetryDelay);
            }
            await Task.Delay(options.RetryDelay, abandon);
        }
    }
}
