using MedVid.Grains.Abstractions;

namespace MedVid.Grains.Exports.Schedules;

/// <summary>What a user asks for: run specification <paramref name="SpecificationId"/> at every occurrence of a cron expression in a time zone.</summary>
public sealed record ExportScheduleSpec(Guid SpecificationId, string Cron, string TimeZone, MisfirePolicy Misfire = MisfirePolicy.RunOnce)
{
    public CronSchedule Schedule => new(Cron, TimeZone);

    public void Validate()
    {
        var problems = new List<string>();
        if (SpecificationId == Guid.Empty) problems.Add("specificationId is required.");
        problems.AddRange(Schedule.Problems());
        if (!Enum.IsDefined(Misfire)) problems.Add("misfire must be 'RunOnce' or 'Skip'.");
        if (problems.Count > 0) throw new InvalidGrainArgumentException(string.Join(" ", problems));
    }
}
