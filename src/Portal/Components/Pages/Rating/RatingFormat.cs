using System.Globalization;
using System.Text.Json;
using MedVid.Rating.Protocols;
using MedVid.Rating.Statistics;

namespace MedVid.Portal.Components.Pages.Rating;

/// <summary>Number formats and the chart configuration of the results page.</summary>
public static class RatingFormat
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly string[] Palette = ["#0d6efd", "#fd7e14", "#198754", "#6f42c1", "#d63384", "#20c997", "#6c757d", "#dc3545"];

    /// <summary>Kappas and means with three decimals (invariant), "—" where undefined.</summary>
    public static string Number(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "—";

    public static string Percent(double? value) => value is { } v ? v.ToString("0.0 %", CultureInfo.InvariantCulture) : "—";

    public static string Interval(CriterionMean mean) =>
        mean.Lower is { } lower && mean.Upper is { } upper ? $"[{Number(lower)}, {Number(upper)}]" : "— (one item)";

    /// <summary>
    /// Means per system (one bar series each) over the protocol's criteria, with their 95 % intervals as error bars
    /// (drawn by the plugin in js/rating-results.js from each series' errorBars).
    /// </summary>
    public static string MeansChart(RatingProtocol protocol, IReadOnlyList<CriterionMean> means)
    {
        var bySystem = means.Where(m => m.System is not null && m.Label is null).GroupBy(m => m.System!).ToList();
        var max = protocol.Criteria.Max(c => c.Levels.Max(l => l.Value));
        return JsonSerializer.Serialize(new
        {
            type = "bar",
            data = new
            {
                labels = protocol.Criteria.Select(c => c.Name),
                datasets = bySystem.Select((group, i) =>
                {
                    var of = protocol.Criteria.Select(c => group.FirstOrDefault(m => m.Criterion == c.Id)).ToList();
                    return new
                    {
                        label = group.Key,
                        data = of.Select(m => m?.Mean),
                        errorBars = of.Select(m => m?.Lower is null ? null : new[] { m.Lower!.Value, m.Upper!.Value }),
                        backgroundColor = Palette[i % Palette.Length],
                    };
                }),
            },
            options = new { scales = new { y = new { min = 0, max } } },
        }, Json);
    }
}
