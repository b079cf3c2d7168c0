namespace MedVid.Grains.Exports.Schedules;

/// <summary>What a schedule does with occurrences that passed while no silo could run it (downtime, a long outage).</summary>
public enum MisfirePolicy
{
    /// <summary>On recovery, run once for the latest missed occurrence (never once per missed occurrence).</summary>
    RunOnce,

    /// <summary>Skip occurrences noticed later than the grace period; wait for the next one.</summary>
    Skip,
}
