using System.CommandLine;

namespace MedVid.Cli.Commands;

public static class WorkCommand
{
    public static Command CreateWorkItems()
    {
        var items = new Command("work-items", "Your team's work items");
        var list = new Command("list", "List work items, newest first, with queue position and why they wait");
        list.PrintEach("api/v1/work-items", i =>
        {
            var waiting = i["queuePosition"] is { } pos ? $" #{pos} ({i["waitReason"]})" : "";
            return $"{i["id"]}  {i["kind"],-14} {i["state"],-10} {i["progress"]!.GetValue<double>() * 100,5:F1}%  host {i["hostId"] ?? "-"}{waiting}";
        });
        var id = new Argument<Guid>("id") { Description = "Work item id" };
        var cancel = new Command("cancel", "Cancel a queued or running work item") { id };
        cancel.Run(async (result, ct) =>
        {
            using var client = CliContext.Client(result);
            var item = await client.PostAsync($"api/v1/work-items/{result.GetValue(id)}/cancel", new { }, ct);
            Console.WriteLine($"{item["id"]} {item["state"]}");
        });
        items.Subcommands.Add(list);
        items.Subcommands.Add(cancel);
        return items;
    }

    public static Command CreateHosts()
    {
        var hosts = new Command("hosts", "Compute hosts and their capacity");
        hosts.PrintEach("api/v1/hosts",
            h => $"{h["hostId"],-20} {h["status"],-7} {h["cpuSlots"]} CPU slot(s), {h["gpus"]!.AsArray().Count} GPU(s), running {h["runningItems"]}, kinds {string.Join(",", h["kinds"]!.AsArray())}");
        return hosts;
    }
}
