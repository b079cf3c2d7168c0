using MedVid.ControlPlane.Bus;
using MedVid.ControlPlane.Identity;
using MedVid.Grains.Scheduling;

namespace MedVid.ControlPlane.Apis;

/// <summary>Compute hosts (shared by all teams) and the caller's team's work items.</summary>
public static class WorkApi
{
    public static RouteGroupBuilder MapWorkApi(this RouteGroupBuilder api)
    {
        api.MapGet("/hosts", Hosts).RequireAuthorization(Policies.Researcher);
        var items = api.MapGroup("/work-items").RequireAuthorization(Policies.Researcher);
        items.MapGet("/", List);
        items.MapGet("/{id:guid}", Get);
        items.MapPost("/{id:guid}/cancel", Cancel);
        return api;
    }

    public static async Task<Ok<IReadOnlyList<HostView>>> Hosts([AsParameters] ApiServices api) =>
        TypedResults.Ok(await Scheduler(api).ListHostsAsync());

    /// <summary>The team's work items, newest first; queued ones carry their position and the reason they wait.</summary>
    public static async Task<Ok<IReadOnlyList<WorkItemView>>> List([AsParameters] ApiServices api) =>
        TypedResults.Ok(await Scheduler(api).ListAsync(api.Caller.TeamId));

    public static async Task<Ok<WorkItemView>> Get(Guid id, [AsParameters] ApiServices api) =>
        TypedResults.Ok(await api.WorkItemAsync(id));

    /// <summary>
    /// Cancels a work item and tells its owner (training run, generation job, video being ingested), as a host's report
    /// would: a host's later report on a cancelled item is ignored, so nobody else will.
    /// </summary>
    public static async Task<Ok<WorkItemView>> Cancel(Guid id, WorkOutcomeRouter router, [AsParameters] ApiServices api)
    {
        var item = await Scheduler(api).CancelAsync(id, api.Caller.TeamId);
        await router.FailedAsync(item);
        return TypedResults.Ok(item);
    }

    private static ISchedulerGrain Scheduler(ApiServices api) => api.Grains.GetGrain<ISchedulerGrain>(SchedulerGrain.Id);
}
