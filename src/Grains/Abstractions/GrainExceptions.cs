using Orleans;

namespace MedVid.Grains.Abstractions;

/// <summary>Base of the errors a grain reports to its caller; the API maps them to 4xx responses with the message.</summary>
[GenerateSerializer]
public abstract class GrainException(string message) : Exception(message);

/// <summary>The requested state change is not allowed from the current state (e.g. cancel a completed job).</summary>
[GenerateSerializer]
public sealed class IllegalTransitionException(string message) : GrainException(message);

/// <summary>The grain, or an entity inside it, does not exist.</summary>
[GenerateSerializer]
public sealed class EntityNotFoundException(string message) : GrainException(message);

/// <summary>The arguments of a grain call are invalid.</summary>
[GenerateSerializer]
public sealed class InvalidGrainArgumentException(string message) : GrainException(message);

/// <summary>The caller's team may not use this grain. Reported as "not found" so ids do not leak.</summary>
[GenerateSerializer]
public sealed class WrongTeamException(string message) : GrainException(message);
