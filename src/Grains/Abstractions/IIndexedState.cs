namespace MedVid.Grains.Abstractions;

/// <summary>
/// State that can be found by something other than its key (datasets by team, teams by member).
/// The runtime stores these entries beside the state, in the same transaction.
/// </summary>
public interface IIndexedState
{
    IEnumerable<GrainIndexEntry> IndexEntries();
}

public readonly record struct GrainIndexEntry(string Name, string Value);
