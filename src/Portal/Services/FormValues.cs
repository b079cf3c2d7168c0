using System.Globalization;
using MedVid.ControlPlane.Errors;

namespace MedVid.Portal.Services;

/// <summary>Parses the free-text fields of the run forms; errors read like the API's so the form shows them the same way.</summary>
public static class FormValues
{
    /// <summary>"name=value" per line (or separated by commas), e.g. "lr=0.0001".</summary>
    public static Dictionary<string, double> Hyperparameters(string? text)
    {
        var values = new Dictionary<string, double>();
        foreach (var raw in (text ?? "").Split(['\n', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = raw.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0 || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                throw new ApiValidationException($"Hyperparameter '{raw}' is not of the form name=number (e.g. lr=0.0001).");
            values[parts[0]] = value;
        }
        return values;
    }

    /// <summary>Whole numbers separated by commas, spaces or new lines; empty means none.</summary>
    public static List<long> Seeds(string? text)
    {
        var seeds = new List<long>();
        foreach (var raw in (text ?? "").Split([',', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed))
                throw new ApiValidationException($"Seed '{raw}' is not a whole number.");
            seeds.Add(seed);
        }
        return seeds;
    }

    /// <summary>One prompt per non-empty line.</summary>
    public static List<string> Lines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
