using MedVid.ControlPlane.Identity;
using MedVid.Grains.Abstractions;
using MedVid.Grains.Exports;
using MedVid.Grains.Exports.Schedules;

namespace MedVid.ControlPlane.Apis;

/// <summary>A history entry with the status of the run it started, read when asked.</summary>
public sealed record ScheduleHistoryEntry(DateTimeOffset Occurrence, DateTimeOffset DecidedAt, OccurrenceOutcome Outcome, Guid? ExportRunId, string? Note,
    ExportRunStatus? RunStatus);

/// <summary>/api/v1/export-schedules: cron schedules of a team's export specifications (researchers and above).</summary>
public static class ExportSchedulesApi
{
    public const int MaxNextOccurrences = 100;

    public static RouteGroupBuilder MapExportSchedulesApi(this RouteGroupBuilder api)
    {
        var schedules = api.MapGroup("/export-schedules").RequireAuthorization(Policies.Researcher);
        schedules.MapGet("/", List);
        schedules.MapPost("/", Create);
        schedules.MapGet("/{id:guid}", Get);
        schedules.MapPost("/{id:guid}/pause", Pause);
        schedules.MapPost("/{id:guid}/resume", Resume);
        schedules.MapGet("/{id:guid}/next", Next);
        schedules.MapGet("/{id:guid}/history", History);
        return api;
    }

    public static async Task<Ok<List<ExportScheduleView>>> List([AsParameters] ApiServices api) => TypedResults.Ok(await api.ExportSchedulesAsync());

    public static async Task<Created<ExportScheduleView>> Create(CreateExportScheduleRequest request, [AsParameters] ApiServices api)
    {
        var created = await api.CreateExportScheduleAsync(request);
        return TypedResults.Created($"/api/v1/export-schedules/{created.Id}", created);
    }

    public static async Task<Ok<ExportScheduleView>> Get(Guid id, [AsParameters] ApiServices api) => TypedResults.Ok(await api.ExportScheduleAsync(id));

    public static async Task<Ok<ExportScheduleView>> Pause(Guid id, [AsParameters] ApiServices api)
    {
        await api.ExportScheduleAsync(id);
        return TypedResults.Ok(await api.Grains.GetGrain<IExportScheduleGrain>(id).PauseAsync());
    }

    public static async Task<Ok<ExportScheduleView>> Resume(Guid id, [AsParameters] ApiServices api)
    {
        await api.ExportScheduleAsync(id);
        return TypedResults.Ok(await api.Grains.GetGrain<IExportScheduleGrain>(id).ResumeAsync());
    }

    /// <summary>The next <c>count</c> occurrences (default 10, at most 100), in UTC with the schedule's local offset.</summary>
    public static async Task<Ok<IReadOnlyList<DateTimeOffset>>> Next(Guid id, int? count, [AsParameters] ApiServices api, TimeProvider clock)
    {
        var schedule = await api.ExportScheduleAsync(id);
        if (count is < 1 or > MaxNextOccurrences) throw new InvalidGrainArgumentException($"count must be between 1 and {MaxNextOccurrences}.");
        var cron = new CronSchedule(schedule.Cron, schedule.TimeZone);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(schedule.TimeZone);
        var from = schedule.HandledUpTo > clock.GetUtcNow() ? schedule.HandledUpTo : clock.GetUtcNow();
        IReadOnlyList<DateTimeOffset> next = [.. cron.NextOccurrences(from, count ?? 10).Select(o => TimeZoneInfo.ConvertTime(o, zone))];
        return TypedResults.Ok(next);
    }

    public static async Task<Ok<List<ScheduleHistoryEntry>>> History(Guid id, [AsParameters] ApiServices api)
    {
        var schedule = await api.ExportScheduleAsync(id);
        var entries = new List<ScheduleHistoryEntry>();
        foreach (var h in schedule.History)
        {
            var status = h.ExportRunId is { } run ? (await api.Grains.GetGrain<IExportRunGrain>(run).GetAsync()).Status : (ExportRunStatus?)null;
            entries.Add(new ScheduleHistoryEntry(h.Occurrence, h.DecidedAt, h.Outcome, h.ExportRunId, h.Note, status));
        }
        return TypedResults.Ok(entries);
    }
}
