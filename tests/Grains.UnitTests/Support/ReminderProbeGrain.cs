using System.Collections.Concurrent;
using Orleans;
using Orleans.Runtime;

namespace MedVid.Grains.UnitTests.Support;

/// <summary>A grain made for tests: registers a reminder and records each tick it receives in <see cref="ReminderTicks"/>.</summary>
public interface IReminderProbeGrain : IGrainWithGuidKey
{
    Task RegisterAsync(TimeSpan period);

    Task UnregisterAsync();
}

/// <summary>Ticks received by this silo's reminder probes, by grain key (one per silo: a restart starts from zero).</summary>
public sealed class ReminderTicks
{
    private readonly ConcurrentDictionary<Guid, int> _ticks = new();

    public int Of(Guid key) => _ticks.GetValueOrDefault(key);

    public void Tick(Guid key) => _ticks.AddOrUpdate(key, 1, (_, n) => n + 1);
}

[GrainType("test-reminder-probe")]
public sealed class ReminderProbeGrain(ReminderTicks ticks) : Grain, IReminderProbeGrain, IRemindable
{
    public const string Name = "probe";

    public Task RegisterAsync(TimeSpan period) => this.RegisterOrUpdateReminder(Name, period, period);

    public async Task UnregisterAsync()
    {
        if (await this.GetReminder(Name) is { } reminder) await this.UnregisterReminder(reminder);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        ticks.Tick(this.GetPrimaryKey());
        return Task.CompletedTask;
    }
}
