namespace MedVid.Grains.Abstractions;

/// <summary>Marker for grain interfaces keyed by a Guid. Every method returns Task or Task&lt;T&gt;.</summary>
public interface IGrainWithGuidKey;
