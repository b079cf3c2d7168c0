namespace MedVid.Engine;

/// <summary>
/// Frees every tensor created on this thread while the scope is the innermost one, when the
/// scope is disposed. Scopes nest; a tensor leaves its scope only through
/// <see cref="torch.Tensor.MoveToOuterDisposeScope"/> or <see cref="torch.Tensor.DetachFromDisposeScope"/>.
/// Membership is a back-pointer on the tensor, so moving and detaching are O(1): the list
/// keeps stale entries and skips tensors whose back-pointer no longer names this scope.
/// </summary>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic] private static DisposeScope? current;

    // Training loops open one scope per step; recycling the member lists keeps a step's
    // managed allocations down to the tensor objects themselves.
    [ThreadStatic] private static Stack<List<torch.Tensor>>? listPool;
    private const int MaxPooledCapacity = 4096;

    private readonly List<torch.Tensor> owned;
    private bool disposed;

    internal DisposeScope()
    {
        owned = listPool is { Count: > 0 } pool ? pool.Pop() : new List<torch.Tensor>(16);
        Outer = current;
        current = this;
    }

    /// <summary>The scope that was innermost when this one was opened (null at top level).</summary>
    public DisposeScope? Outer { get; }

    /// <summary>The innermost open scope of this thread, if any.</summary>
    public static DisposeScope? Current => current;

    /// <summary>Number of tensors this scope would free now.</summary>
    public int DisposablesCount => owned.Count(t => t.Scope == this && !t.IsInvalid);

    internal static void Register(torch.Tensor tensor)
    {
        var scope = current;
        if (scope is null) return;
        scope.owned.Add(tensor);
        tensor.Scope = scope;
    }

    internal void Adopt(torch.Tensor tensor)
    {
        if (disposed) throw new ObjectDisposedException(nameof(DisposeScope));
        owned.Add(tensor);
        tensor.Scope = this;
    }

    /// <summary>Moves the tensor to the outer scope (or out of all scopes) and returns it.</summary>
    public T MoveToOuter<T>(T tensor) where T : torch.Tensor => (T)tensor.MoveToOuterDisposeScope();

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        foreach (var tensor in owned)
        {
            if (tensor.Scope != this) continue;
            tensor.Scope = null;
            tensor.Dispose();
        }
        owned.Clear();
        if (owned.Capacity <= MaxPooledCapacity) (listPool ??= new Stack<List<torch.Tensor>>()).Push(owned);
        // Scopes close innermost first; if an outer scope is closed early, inner ones are
        // abandoned to it so that the thread's current scope never points at a closed one.
        var scope = current;
        while (scope is not null && scope != this) scope = scope.Outer;
        if (scope == this) current = Outer;
    }
}
