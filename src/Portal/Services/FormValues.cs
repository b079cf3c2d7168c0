using System.Globalization;
using MedVid.ControlPlane.Errors;

namespace MedVid.Portal.Services;

/// <summary>Parses the free-text fields of the run forms; errors read like the API's so the form shows them the same way.</summary>
public static class FormValues
{
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
