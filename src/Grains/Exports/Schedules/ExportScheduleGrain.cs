using MedVid.Grains.Abstractions;
using MedVid.Grains.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;

namespace MedVid.Grains.Exports.Schedules;

/// <summary>
/// Runs an export specification at each occurrence of its cron expression, exactly once across silo replicas: a durable
/// reminder wakes the one activation of the schedule every tick; it records the latest occurrence it handled, and the
/// export run of an occurrence has an id derived from it, so a tick repeated after a crash (or delivered twice while
/// the cluster changes) starts no second run (docs/exports.md).
/// </summary>
[GrainType(GrainTypeNames.ExportSchedule)]
public sealed class ExportScheduleGrain(TimeProvider clock, IGrainFactory grains, IOptions<ExportOptions> options, ILogger<ExportScheduleGrain> log)
    : StatefulGrain<ExportScheduleState>, IExportScheduleGrain, IRemindable
{
    public const string TickReminder = "export-schedule-tick";
    public const int NextShown = 5;

    public async Task<ExportScheduleView> CreateAsync(Guid teamId, Guid createdBy, ExportScheduleSpec spec)
    {
        if (State.Created) throw new IllegalTransitionException("The export schedule already exists.");
        spec.Validate();
        var specification = await grains.GetGrain<IExportSpecificationGrain>(spec.SpecificationId).GetAsync();
        if (specification.TeamId != teamId) throw new EntityNotFoundException("The export specification does not exist.");
        State.Create(teamId, createdBy, spec, clock.GetUtcNow());
        await WriteStateAsync();
        await WakeAsync();
        return View();
    }

    public Task<ExportScheduleView> GetAsync()
    {
        State.RequireCreated();
        return Task.FromResult(View());
    }

    public async Task<ExportScheduleView> PauseAsync()
    {
        State.Pause();
        await WriteStateAsync();
        if (await this.GetReminder(TickReminder) is { } reminder) await this.UnregisterReminder(reminder);
        return View();
    }

    public async Task<ExportScheduleView> ResumeAsync()
    {
        State.Resume(clock.GetUtcNow());
        await WriteStateAsync();
        await WakeAsync();
        return View();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!State.Created || State.Paused)
        {
            if (await this.GetReminder(reminderName) is { } stale) await this.UnregisterReminder(stale);
            return;
        }
        var now = clock.GetUtcNow();
        if (State.Due(now, options.Value.MisfireGrace) is not { } due) return;
        if (!due.Run)
        {
            State.Record(due, OccurrenceOutcome.Skipped, null, due.Note, now);
            await WriteStateAsync();
            return;
        }
        // Start first, record second: a crash between the two repeats the start, which the derived run id makes a no-op.
        var runId = DeterministicGuid.From(Key, $"occurrence/{due.Occurrence.UtcTicks}");
        try
        {
            var specification = await grains.GetGrain<IExportSpecificationGrain>(State.Spec!.SpecificationId).GetAsync();
            await grains.GetGrain<IExportRunGrain>(runId).StartAsync(new ExportRunRequest(State.TeamId, State.CreatedBy, specification.Id,
                specification.Spec, new ExportTrigger(Key, due.Occurrence)));
            State.Record(due, OccurrenceOutcome.Started, runId, due.Note, now);
        }
        catch (GrainException e)
        {
            // A refusal (no checkpoint yet, the specification is gone) will not change by retrying this occurrence.
            log.LogWarning("Export schedule {Schedule} could not start a run for {Occurrence:O}: {Error}", Key, due.Occurrence, e.Message);
            State.Record(due, OccurrenceOutcome.Failed, null, e.Message, now);
        }
        await WriteStateAsync();
    }

    private Task WakeAsync() => this.RegisterOrUpdateReminder(TickReminder, options.Value.TickPeriod, options.Value.TickPeriod);

    private ExportScheduleView View()
    {
        var spec = State.Spec!;
        var next = State.Paused ? [] : spec.Schedule.NextOccurrences(Max(State.HandledUpTo, clock.GetUtcNow()), NextShown);
        return new ExportScheduleView(Key, State.TeamId, spec.SpecificationId, spec.Cron, spec.TimeZone, spec.Misfire, State.Paused, State.HandledUpTo,
            next, [.. Enumerable.Reverse(State.History)], State.CreatedAt);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
