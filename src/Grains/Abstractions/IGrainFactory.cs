namespace MedVid.Grains.Abstractions;

/// <summary>Gives references to grains. A reference is cheap; calls through it run one turn at a time per key.</summary>
public interface IGrainFactory
{
    TGrain GetGrain<TGrain>(Guid key) where TGrain : IGrainWithGuidKey;
}
