using System.CommandLine;
using MedVid.Cli.Api;

namespace MedVid.Cli.Commands;

/// <summary>`exports schedules`: cron schedules of export specifications, their next occurrences and history.</summary>
public static class ExportSchedulesCommand
{
    public static Command Create()
    {
        var spec = new Argument<Guid>("specification-id");
        var cron = new Option<string>("--cron") { Description = "Cron expression, e.g. \"0 2 * * 0\" (Sundays 02:00)", Required = true };
        var zone = new Option<string>("--time-zone") { Description = "IANA time zone, e.g. Europe/Berlin", DefaultValueFactory = _ => "UTC" };
        var misfire = new Option<string>("--misfire") { Description = "After downtime: run-once or skip", DefaultValueFactory = _ => "run-once" };
        var create = new Command("create", "Schedule a specification; prints the schedule's id and next occurrences") { spec, cron, zone, misfire };
        create.Run(async (result, ct) =>
        {
            using var client = CliContext.Client(result);
            var policy = result.GetValue(misfire) switch
            {
                "run-once" => "RunOnce",
                "skip" => "Skip",
                var other => throw new ApiError(0, $"--misfire must be run-once or skip, not '{other}'."),
            };
            var schedule = await client.PostAsync("api/v1/export-schedules",
                new { specificationId = result.GetValue(spec), cron = result.GetValue(cron), timeZone = result.GetValue(zone), misfire = policy }, ct);
            Console.WriteLine(schedule["id"]!.GetValue<string>());
            foreach (var next in schedule["nextOccurrences"]!.AsArray()) Console.WriteLine($"  next: {next}");
        });
        var list = new Command("list", "The team's schedules");
        list.PrintEach("api/v1/export-schedules",
            s => $"{s["id"]}  {(s["paused"]!.GetValue<bool>() ? "paused" : "active")}  \"{s["cron"]}\" {s["timeZone"]}  next {s["nextOccurrences"]!.AsArray().FirstOrDefault()}");
        var id = new Argument<Guid>("schedule-id");
        var count = new Option<int>("--count") { Description = "How many", DefaultValueFactory = _ => 10 };
        var next = new Command("next", "Next occurrences in the schedule's time zone") { id, count };
        next.PrintEach(result => $"api/v1/export-schedules/{result.GetValue(id)}/next?count={result.GetValue(count)}", o => o.ToString());
        var historyId = new Argument<Guid>("schedule-id");
        var history = new Command("history", "Occurrences handled, with the status of the run each started") { historyId };
        history.PrintEach(result => $"api/v1/export-schedules/{result.GetValue(historyId)}/history",
            h => $"{h["occurrence"]}  {h["outcome"],-8} {h["runStatus"]} {h["exportRunId"]} {h["note"]}");
        return new Command("schedules", "Export schedules") { create, list, next, history, Toggle("pause"), Toggle("resume") };
    }

    private static Command Toggle(string verb)
    {
        var id = new Argument<Guid>("schedule-id");
        var command = new Command(verb, $"{char.ToUpperInvariant(verb[0])}{verb[1..]} a schedule") { id };
        command.Run(async (result, ct) =>
        {
            using var client = CliContext.Client(result);
            var schedule = await client.PostAsync($"api/v1/export-schedules/{result.GetValue(id)}/{verb}", new { }, ct);
            Console.WriteLine($"{schedule["id"]}  {(schedule["paused"]!.GetValue<bool>() ? "paused" : "active")}");
        });
        return command;
    }
}
