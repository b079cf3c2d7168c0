using System.Collections;
using static MedVid.Engine.torch;

namespace MedVid.Engine.Modules;

/// <summary>An indexed list of submodules registered as "0", "1", ...</summary>
public sealed class ModuleList<T> : nn.Module, IReadOnlyList<T> where T : nn.Module
{
    private readonly List<T> items = [];

    public ModuleList(params T[] modules) : base(nameof(ModuleList<T>))
    {
        foreach (var m in modules) Add(m);
    }

    public int Count => items.Count;

    public T this[int index] => items[index];

    public void Add(T module)
    {
        register_module(items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), module);
        items.Add(module);
    }

    public IEnumerator<T> GetEnumerator() => items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
