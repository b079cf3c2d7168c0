using MedVid.Contracts;
using MedVid.Grains.Datasets;
using MedVid.Grains.Scheduling;
using MedVid.Grains.UnitTests.Support;

namespace MedVid.Grains.UnitTests.Runtime;

/// <summary>
/// Two service providers on one database stand for two silo replicas: each has its own turn locks, so only the
/// optimistic-concurrency token and the runtime's reload-and-retry keep their writes to one grain from being lost.
/// </summary>
public abstract class TwoProcessTests(string provider) : IAsyncLifetime
{
    private const int CallsPerProcess = 60;
    private const int CallersPerProcess = 4;

    private TestDatabase _database = null!;
    private GrainHost _one = null!;
    private GrainHost _two = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _one = await GrainHost.StartAsync(_database);
        _two = await GrainHost.StartAsync(_database);
    }

    public async Task DisposeAsync()
    {
        if (_one is not null) await _one.DisposeAsync();
        if (_two is not null) await _two.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }

    /// <summary>Runs <paramref name="call"/> for indexes 0..count-1 from <see cref="CallersPerProcess"/> concurrent callers.</summary>
    private static Task Hammer(int count, Func<int, Task> call) =>
        Task.WhenAll(Enumerable.Range(0, CallersPerProcess).Select(c => Task.Run(async () =>
        {
            for (var i = c; i < count; i += CallersPerProcess) await call(i);
        })));

    [Fact]
    public async Task Two_processes_adding_distinct_labels_to_one_dataset_lose_none()
    {
        var id = Guid.NewGuid();
        await _one.Grains.GetGrain<IDatasetGrain>(id).CreateAsync(Guid.NewGuid(), "shared", null, Guid.NewGuid());
        var fromOne = _one.Grains.GetGrain<IDatasetGrain>(id);
        var fromTwo = _two.Grains.GetGrain<IDatasetGrain>(id);

        // Whether two quick turns overlap is up to timing; hammer in rounds until at least one write race happened.
        var expected = new List<string>();
        for (var round = 0; round < 10 && _one.Conflicts.Conflicts + _two.Conflicts.Conflicts == 0; round++)
        {
            var r = round;
            await Task.WhenAll(
                Hammer(CallsPerProcess, i => fromOne.AddLabelAsync($"one-{r}-{i}")),
                Hammer(CallsPerProcess, i => fromTwo.AddLabelAsync($"two-{r}-{i}")));
            expected.AddRange(Enumerable.Range(0, CallsPerProcess).SelectMany(i => new[] { $"one-{r}-{i}", $"two-{r}-{i}" }));
            var labels = (await _one.Grains.GetGrain<IDatasetGrain>(id).GetAsync()).Labels;
            Assert.Equal(expected.Order(), labels.Order());
        }
        Assert.True(_one.Conflicts.Conflicts + _two.Conflicts.Conflicts > 0, "the processes never raced in 10 rounds; the test proved nothing");
    }

    [Fact]
    public async Task Messages_of_a_turn_that_lost_the_race_are_delivered_exactly_once()
    {
        var id = Guid.NewGuid();
        var fromOne = _one.Grains.GetGrain<IProbeGrain>(id);
        var fromTwo = _two.Grains.GetGrain<IProbeGrain>(id);

        await Task.WhenAll(
            Hammer(CallsPerProcess, i => fromOne.IncrementAndPublishAsync($"one-{i}")),
            Hammer(CallsPerProcess, i => fromTwo.IncrementAndPublishAsync($"two-{i}")));

        Assert.Equal(2 * CallsPerProcess, await fromOne.GetAsync());
        var reruns = _one.Probe.Activations + _two.Probe.Activations - 2 * CallsPerProcess - 1;
        Assert.True(reruns > 0, "no turn was re-run; the test proved nothing");
        var published = _one.Outbox.Published<ProbeEvent>().Concat(_two.Outbox.Published<ProbeEvent>()).Select(e => e.Tag).ToList();
        var sent = _one.Outbox.Sent<ProbeEvent>().Concat(_two.Outbox.Sent<ProbeEvent>()).Select(s => s.Message.Tag).ToList();
        var expected = Enumerable.Range(0, CallsPerProcess).SelectMany(i => new[] { $"one-{i}", $"two-{i}" }).Order().ToList();
        Assert.Equal(expected, published.Order());
        Assert.Equal(expected, sent.Order());
        Assert.All(_one.Outbox.Published<ProbeEvent>(), e => Assert.StartsWith("one-", e.Tag)); // each process sends its own turns' messages
    }

    [Fact]
    public async Task Two_processes_enqueueing_work_announce_each_item_exactly_once()
    {
        var team = Guid.NewGuid();
        var ids = Enumerable.Range(0, 2 * 30).Select(_ => Guid.NewGuid()).ToList();
        WorkItemRequest Request(int i) =>
            new(ids[i], team, WorkKinds.IngestVideo, "{}", new WorkOwner(WorkOwnerKind.Dataset, Guid.NewGuid()), 0, 0);

        await Task.WhenAll(
            Hammer(30, i => _one.Grains.GetGrain<ISchedulerGrain>(SchedulerGrain.Id).EnqueueAsync(Request(i))),
            Hammer(30, i => _two.Grains.GetGrain<ISchedulerGrain>(SchedulerGrain.Id).EnqueueAsync(Request(30 + i))));

        var listed = await _two.Grains.GetGrain<ISchedulerGrain>(SchedulerGrain.Id).ListAsync(team);
        Assert.Equal(ids.Order(), listed.Select(i => i.Id).Order());
        var announced = _one.Outbox.Published<WorkItemChanged>().Concat(_two.Outbox.Published<WorkItemChanged>()).Select(m => m.WorkItemId);
        Assert.Equal(ids.Order(), announced.Order());
    }
}

public sealed class SqliteTwoProcessTests() : TwoProcessTests("sqlite");

public sealed class PostgresTwoProcessTests() : TwoProcessTests("postgres");
