using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using MedVid.Cli.Api;

namespace MedVid.Cli.Commands;

/// <summary>`agreement`: how a finished evaluation's metrics rank the videos against a rating campaign's experts (Spearman).</summary>
public static class AgreementCommand
{
    public static Command Create()
    {
        var evaluation = new Option<Guid>("--evaluation") { Description = "Finished evaluation whose per-video metrics are compared", Required = true };
        var campaign = new Option<Guid>("--campaign") { Description = "Rating campaign (single videos) that rated the same videos", Required = true };
        var command = new Command("agreement", "Spearman's rho between each automatic metric and each expert criterion over the videos both cover")
            { evaluation, campaign };
        command.Run(async (result, ct) =>
        {
            using var client = CliContext.Client(result);
            var agreement = await client.GetAsync(
                $"api/v1/evaluations/{result.GetValue(evaluation)}/agreement?campaignId={result.GetValue(campaign)}", ct);
            Print(agreement);
        });
        return command;
    }

    private static void Print(JsonNode agreement)
    {
        static string Number(JsonNode? n) => n is null ? "-" : n.GetValue<double>().ToString("0.000", CultureInfo.InvariantCulture);
        Console.WriteLine($"{agreement["matchedVideos"]} of {agreement["evaluatedVideos"]} evaluated videos rated in the campaign ({agreement["protocol"]})");
        Console.WriteLine($"{"metric",-20} {"criterion",-24} {"videos",6} {"rho",7} {"95% interval",18} {"p",7}");
        foreach (var row in agreement["agreements"]!.AsArray())
        {
            var interval = row!["lower"] is null ? "-" : $"[{Number(row["lower"])}, {Number(row["upper"])}]";
            Console.WriteLine($"{row["metric"],-20} {row["criterion"],-24} {row["videos"],6} {Number(row["rho"]),7} {interval,18} {Number(row["pValue"]),7}");
        }
    }
}
