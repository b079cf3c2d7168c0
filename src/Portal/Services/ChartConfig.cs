using System.Text.Json;
using MedVid.Curation.Clips;
using MedVid.Curation.Manifest;

namespace MedVid.Portal.Services;

/// <summary>chart.js configurations (as JSON for a canvas's data-chart attribute) of a version's statistics.</summary>
public static class ChartConfig
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>Kept and dropped per stage, stacked.</summary>
    public static string Stages(IReadOnlyList<StageStatistics> stages) => JsonSerializer.Serialize(new
    {
        type = "bar",
        data = new
        {
            labels = stages.Select(s => s.Stage),
            datasets = new object[]
            {
                new { label = "kept", data = stages.Select(s => s.Kept), backgroundColor = "#198754" },
                new { label = "dropped", data = stages.Select(s => s.Dropped), backgroundColor = "#dc3545" },
            },
        },
        options = new { scales = new { x = new { stacked = true }, y = new { stacked = true, beginAtZero = true } } },
    }, Options);

    public static string Histogram(Histogram histogram, string title) => JsonSerializer.Serialize(new
    {
        type = "bar",
        data = new
        {
            labels = histogram.Bins.Select(b => $"{b.Start:0.##}–{b.End:0.##}"),
            datasets = new object[] { new { label = $"clips by {title} ({histogram.Unit})", data = histogram.Bins.Select(b => b.Count), backgroundColor = "#0d6efd" } },
        },
        options = new { scales = new { y = new { beginAtZero = true, ticks = new { precision = 0 } } } },
    }, Options);

    public static string Counts(IReadOnlyDictionary<string, int> counts, string label) => JsonSerializer.Serialize(new
    {
        type = "bar",
        data = new
        {
            labels = counts.Keys,
            datasets = new object[] { new { label, data = counts.Values, backgroundColor = "#6f42c1" } },
        },
        options = new { indexAxis = "y", scales = new { x = new { beginAtZero = true, ticks = new { precision = 0 } } } },
    }, Options);
}
