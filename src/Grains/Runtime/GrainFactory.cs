using System.Reflection;
using MedVid.Grains.Abstractions;

namespace MedVid.Grains.Runtime;

public sealed class GrainFactory(GrainRegistry registry, GrainRuntime runtime) : IGrainFactory
{
    public TGrain GetGrain<TGrain>(Guid key) where TGrain : IGrainWithGuidKey
    {
        if (key == Guid.Empty)
            throw new InvalidGrainArgumentException($"{typeof(TGrain).Name} needs a non-empty id.");
        var proxy = DispatchProxy.Create(typeof(TGrain), typeof(GrainProxy));
        ((GrainProxy)proxy).Bind(runtime, registry.Get<TGrain>(), key);
        return (TGrain)proxy;
    }
}
