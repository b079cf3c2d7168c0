using MassTransit;
using MedVid.Contracts;
using Microsoft.Extensions.Logging;

namespace MedVid.Compute.Work;

/// <summary>
/// Runs a work item addressed to this host and reports start, progress and outcome. The message is acknowledged
/// only after the outcome was published; if the host dies first, the scheduler requeues the item elsewhere.
/// </summary>
public sealed class ExecuteWorkItemConsumer(
    IBus bus, WorkHandlerCatalog handlers, RunningWork running, ComputeHostOptions options, TimeProvider clock, ILogger<ExecuteWorkItemConsumer> log)
    : IConsumer<ExecuteWorkItem>
{
    public async Task Consume(ConsumeContext<ExecuteWorkItem> context)
    {
        var item = context.Message;
        using var attempt = running.TryStart(item.WorkItemId, item.Attempt, context.CancellationToken);
        if (attempt is null)
        {
            log.LogInformation("Work item {Id} is already running here; duplicate ignored", item.WorkItemId);
            return;
        }
        var scratch = Path.Combine(Path.GetFullPath(options.WorkDirectory), $"{item.WorkItemId:N}-{item.Attempt}");
        try
        {
            var handler = handlers.Find(item.Kind);
            if (handler is null)
            {
                await Fail(context, $"host {options.HostId} cannot run '{item.Kind}' work", cancelled: false);
                return;
            }
            if (attempt.Preemption.IsCancellationRequested)
            {
                await Preempted(context, null, "preempted before it started");
                return;
            }
            Directory.CreateDirectory(scratch);
            await context.Publish(new WorkItemStarted(item.WorkItemId, item.Attempt, options.HostId, clock.GetUtcNow()));
            var progress = new ProgressPublisher(bus, item, options.HostId, clock);
            var work = new WorkContext(item.WorkItemId, item.TeamId, item.PayloadJson, scratch, progress)
            {
                GpuIndexes = item.GpuIndexes ?? [],
                Preemption = attempt.Preemption.Token,
                // Advisory, like progress: not awaited, so a broker outage cannot stall or fail the work (the result lists all).
                Publish = (message, ignored) =>
                {
                    _ = bus.Publish(message, message.GetType(), CancellationToken.None);
                    return Task.CompletedTask;
                },
            };
            var resultJson = await handler.ExecuteAsync(work, attempt.Cancellation.Token);
            await context.Publish(new WorkItemSucceeded(item.WorkItemId, item.Attempt, options.HostId, resultJson, clock.GetUtcNow()));
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            throw; // the host is stopping: leave the message unacknowledged so it is delivered again
        }
        catch (OperationCanceledException)
        {
            await Fail(context, "cancelled", cancelled: true);
        }
        catch (WorkPreemptedException e)
        {
            log.LogInformation("Work item {Id} ({Kind}) gave back its GPUs: {Message}", item.WorkItemId, item.Kind, e.Message);
            await Preempted(context, e.Step, e.Message);
        }
        catch (WorkFailedException e)
        {
            log.LogInformation("Work item {Id} ({Kind}) failed: {Error}", item.WorkItemId, item.Kind, e.Message);
            await Fail(context, e.Message, cancelled: false, e.ResultJson);
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Work item {Id} ({Kind}) failed", item.WorkItemId, item.Kind);
            await Fail(context, e.Message, cancelled: false);
        }
        finally
        {
            running.Finish(item.WorkItemId);
            if (Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true);
        }
    }

    private Task Preempted(ConsumeContext<ExecuteWorkItem> context, long? step, string message) =>
        context.Publish(new WorkItemPreempted(context.Message.WorkItemId, context.Message.Attempt, options.HostId, clock.GetUtcNow(), step, message));

    private Task Fail(ConsumeContext<ExecuteWorkItem> context, string error, bool cancelled, string? resultJson = null) =>
        context.Publish(new WorkItemFailed(context.Message.WorkItemId, context.Message.Attempt, options.HostId, error, cancelled, clock.GetUtcNow(), resultJson));
}
