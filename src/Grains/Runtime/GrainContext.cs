using MedVid.Grains.Abstractions;

namespace MedVid.Grains.Runtime;

/// <summary>What one turn of one grain sees: its key, its loaded state, and the messages it has queued.</summary>
internal sealed class GrainContext(GrainBinding binding, Guid key, object state, long version, IReadOnlyList<GrainIndexEntry> indexEntries, GrainStateStore store)
{
    public GrainBinding Binding { get; } = binding;
    public Guid Key { get; } = key;
    public object State { get; set; } = state;
    public long Version { get; private set; } = version;
    public List<OutgoingMessage> Outbox { get; } = [];
    private IReadOnlyList<GrainIndexEntry> _indexEntries = indexEntries;

    public async Task WriteAsync(CancellationToken ct)
    {
        var entries = State is IIndexedState indexed ? indexed.IndexEntries().Distinct().ToList() : [];
        var indexChanged = !entries.SequenceEqual(_indexEntries);
        Version = await store.WriteAsync(Binding.TypeName, Key, State, Version, indexChanged ? entries : null, ct);
        _indexEntries = entries;
    }
}
