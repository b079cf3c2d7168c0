using System.Collections.Concurrent;
using System.Reflection;

namespace MedVid.Grains.Runtime;

/// <summary>
/// The reference a caller holds: implements the grain interface and routes each call through the runtime,
/// as an Orleans-generated proxy would.
/// </summary>
public class GrainProxy : DispatchProxy
{
    private static readonly ConcurrentDictionary<Type, Func<GrainProxy, MethodInfo, object?[]?, object>> Dispatchers = new();

    private GrainRuntime? _runtime;
    private GrainBinding? _binding;
    private Guid _key;

    internal void Bind(GrainRuntime runtime, GrainBinding binding, Guid key) => (_runtime, _binding, _key) = (runtime, binding, key);

    protected override object? Invoke(MethodInfo? method, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (method.ReturnType == typeof(Task))
            return InvokeTyped<bool>(method, args, async task => { await (Task)task; return true; });
        if (method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(Task<>))
            return Dispatchers.GetOrAdd(method.ReturnType.GetGenericArguments()[0], MakeDispatcher)(this, method, args);
        throw new NotSupportedException($"Grain method {method.Name} must return Task or Task<T>.");
    }

    private Task<T> InvokeTyped<T>(MethodInfo method, object?[]? args, Func<object, Task<T>> unwrap) =>
        _runtime!.InvokeAsync(_binding!, _key, grain =>
            unwrap(method.Invoke(grain, BindingFlags.DoNotWrapExceptions, null, args, null)!));

    private static Func<GrainProxy, MethodInfo, object?[]?, object> MakeDispatcher(Type resultType)
    {
        var typed = typeof(GrainProxy).GetMethod(nameof(DispatchTyped), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(resultType);
        return typed.CreateDelegate<Func<GrainProxy, MethodInfo, object?[]?, object>>();
    }

    private static object DispatchTyped<T>(GrainProxy proxy, MethodInfo method, object?[]? args) =>
        proxy.InvokeTyped(method, args, task => (Task<T>)task);
}
