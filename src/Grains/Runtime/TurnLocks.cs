namespace MedVid.Grains.Runtime;

/// <summary>
/// One turn at a time per grain inside this process. Entries are reference-counted so that idle keys
/// do not accumulate. Across processes the optimistic-concurrency token does the same job.
/// </summary>
internal sealed class TurnLocks
{
    private sealed class Entry
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public int Users;
    }

    private readonly Dictionary<(string, Guid), Entry> _entries = [];

    public async Task<IDisposable> AcquireAsync(string typeName, Guid key, CancellationToken ct)
    {
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue((typeName, key), out entry!))
                _entries[(typeName, key)] = entry = new Entry();
            entry.Users++;
        }
        try
        {
            await entry.Gate.WaitAsync(ct);
        }
        catch
        {
            Release(typeName, key, entry, held: false);
            throw;
        }
        return new Releaser(() => Release(typeName, key, entry, held: true));
    }

    private void Release(string typeName, Guid key, Entry entry, bool held)
    {
        if (held) entry.Gate.Release();
        lock (_entries)
        {
            if (--entry.Users == 0) _entries.Remove((typeName, key));
        }
    }

    public int ActiveKeys
    {
        get { lock (_entries) return _entries.Count; }
    }

    private sealed class Releaser(Action release) : IDisposable
    {
        private Action? _release = release;

        public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
    }
}
