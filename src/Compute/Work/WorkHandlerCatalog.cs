namespace MedVid.Compute.Work;

/// <summary>The handlers this host has; their kinds are what the host announces it can run.</summary>
public sealed class WorkHandlerCatalog(IEnumerable<IWorkHandler> handlers)
{
    private readonly Dictionary<string, IWorkHandler> _byKind = handlers.ToDictionary(h => h.Kind);

    public IReadOnlyList<string> Kinds => _byKind.Keys.Order().ToList();

    public IWorkHandler? Find(string kind) => _byKind.GetValueOrDefault(kind);
}
