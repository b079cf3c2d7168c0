using MedVid.Grains.Datasets;

namespace MedVid.Grains.UnitTests.Runtime;

/// <summary>
/// Two silos of one cluster on one database stand for two silo replicas: calls through both reach the one
/// activation of a grain, so no update is lost and every message goes out once.
/// </summary>
public abstract class TwoSiloTests(string provider) : IAsyncLifetime
{
    private const int CallsPerSilo = 60;
    private const int CallersPerSilo = 4;

    private TestDatabase _database = null!;
    private GrainHost _one = null!;
    private GrainHost _two = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _one = await GrainHost.StartAsync(_database);
        _two = await GrainHost.StartAsync(_database, joining: _one);
        await _one.WaitForSettledClusterAsync(_two);
    }

    public async Task DisposeAsync()
    {
        if (_two is not null) await _two.DisposeAsync();
        if (_one is not null) await _one.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }

    /// <summary>Runs <paramref name="call"/> for indexes 0..count-1 from <see cref="CallersPerSilo"/> concurrent callers.</summary>
    private static Task Hammer(int count, Func<int, Task> call) =>
        Task.WhenAll(Enumerable.Range(0, CallersPerSilo).Select(c => Task.Run(async () =>
        {
            for (var i = c; i < count; i += CallersPerSilo) await call(i);
        })));

    [Fact]
    public async Task Two_silos_adding_distinct_labels_to_one_dataset_lose_none()
    {
        var id = Guid.NewGuid();
        await _one.Grains.GetGrain<IDatasetGrain>(id).CreateAsync(Guid.NewGuid(), "shared", null, Guid.NewGuid());
        var fromOne = _one.Grains.GetGrain<IDatasetGrain>(id);
        var fromTwo = _two.Grains.GetGrain<IDatasetGrain>(id);

        await Task.WhenAll(
            Hammer(CallsPerSilo, i => fromOne.AddLabelAsync($"one-{i}")),
            Hammer(CallsPerSilo, i => fromTwo.AddLabelAsync($"two-{i}")));

        var expected = Enumerable.Range(0, CallsPerSilo).SelectMany(i => new[] { $"one-{i}", $"two-{i}" }).Order();
        Assert.Equal(expected, (await fromTwo.GetAsync()).Labels.Order());
    }

    [Fact]
    public async Task A_grain_called_through_both_silos_has_one_activation_and_sends_each_message_once()
    {
        var id = Guid.NewGuid();
        var fromOne = _one.Grains.GetGrain<IProbeGrain>(id);
        var fromTwo = _two.Grains.GetGrain<IProbeGrain>(id);

        await Task.WhenAll(
            Hammer(CallsPerSilo, i => fromOne.IncrementAndPublishAsync($"one-{i}")),
            Hammer(CallsPerSilo, i => fromTwo.IncrementAndPublishAsync($"two-{i}")));

        Assert.Equal(2 * CallsPerSilo, await fromOne.GetAsync());
        Assert.Equal(1, _one.Probe.Activations + _two.Probe.Activations);
        Assert.Equal(1, _one.Probe.MaxOverlap + _two.Probe.MaxOverlap);
        var published = _one.Outbox.Published<ProbeEvent>().Concat(_two.Outbox.Published<ProbeEvent>()).Select(e => e.Tag).ToList();
        var sent = _one.Outbox.Sent<ProbeEvent>().Concat(_two.Outbox.Sent<ProbeEvent>()).Select(s => s.Message.Tag).ToList();
        var expected = Enumerable.Range(0, CallsPerSilo).SelectMany(i => new[] { $"one-{i}", $"two-{i}" }).Order().ToList();
        Assert.Equal(expected, published.Order());
        Assert.Equal(expected, sent.Order());
    }

    [Fact]
    public async Task Two_silos_enqueueing_work_announce_each_item_exactly_once()
    {
        var team = Guid.NewGuid();
        var ids = Enumerable.Range(0, 2 * 30).Select(_ => Guid.NewGuid()).ToList();
        WorkItemRequest Request(int i) =>
            new(ids[i], team, WorkKinds.IngestVideo, "{}", new WorkOwner(WorkOwnerKind.DatasetVideo, Guid.NewGuid()), 0, 0);

        await Task.WhenAll(
            Hammer(30, i => _one.Grains.GetGrain<ISchedulerGrain>(SchedulerGrain.Id).EnqueueAsync(Request(i))),
            Hammer(30, i => _two.Grains.GetGrain<ISchedulerGrain>(SchedulerGrain.Id).EnqueueAsync(Request(30 + i))));

        var listed = await _two.Grains.GetGrain<ISchedulerGrain>(SchedulerGrain.Id).ListAsync(team);
        Assert.Equal(ids.Order(), listed.Select(i => i.Id).Order());
        var announced = _one.Outbox.Published<WorkItemChanged>().Concat(_two.Outbox.Published<WorkItemChanged>()).Select(m => m.WorkItemId);
        Assert.Equal(ids.Order(), announced.Order());
    }
}

public sealed class SqliteTwoSiloTests() : TwoSiloTests("sqlite");

public sealed class PostgresTwoSiloTests() : TwoSiloTests("postgres");
