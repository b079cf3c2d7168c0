namespace MedVid.Grains.Runtime;

/// <summary>How one grain interface is served: the class that implements it, its state type, and its stored type name.</summary>
public sealed record GrainBinding(Type Interface, Type Implementation, Type StateType, string TypeName);

/// <summary>All grain bindings of the process, filled by <c>AddGrain</c> at start-up.</summary>
public sealed class GrainRegistry
{
    private readonly Dictionary<Type, GrainBinding> _byInterface = [];

    public void Add(GrainBinding binding)
    {
        if (_byInterface.Values.Any(b => b.TypeName == binding.TypeName && b.Interface != binding.Interface))
            throw new InvalidOperationException($"Grain type name '{binding.TypeName}' is used twice.");
        _byInterface[binding.Interface] = binding;
    }

    public GrainBinding Get(Type grainInterface) =>
        _byInterface.TryGetValue(grainInterface, out var binding)
            ? binding
            : throw new InvalidOperationException($"No grain is registered for {grainInterface.Name}.");

    public GrainBinding Get<TGrain>() => Get(typeof(TGrain));
}
