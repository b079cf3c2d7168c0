using System.Text.RegularExpressions;
using MedVid.Grains.Abstractions;

namespace MedVid.ControlPlane.Apis;

/// <summary>
/// Grains addressed by ids that came with a request. The runtime refuses the all-zero id with an error naming its
/// grain interface; to a caller it is only an id that matches nothing, so it answers 404 like any unknown id.
/// </summary>
public sealed partial class RequestIdGrainFactory(IGrainFactory grains) : IGrainFactory
{
    public TGrain GetGrain<TGrain>(Guid key) where TGrain : IGrainWithGuidKey =>
        key == Guid.Empty ? throw new EntityNotFoundException($"The {EntityName(typeof(TGrain))} does not exist.") : grains.GetGrain<TGrain>(key);

    /// <summary>"ITrainingRunGrain" → "training run", the words the API uses for unknown ids.</summary>
    private static string EntityName(Type grain) =>
        WordStart().Replace(grain.Name[1..].Replace("Grain", "", StringComparison.Ordinal), " $1").Trim().ToLowerInvariant();

    [GeneratedRegex("([A-Z])")]
    private static partial Regex WordStart();
}
