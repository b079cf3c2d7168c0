using System.Globalization;
using MedVid.ControlPlane.Errors;
using Microsoft.AspNetCore.Http;

namespace MedVid.Portal.Components.Pages.Training;

/// <summary>
/// The start form's hyperparameter fields, one per entry of the catalog (TrainingHyperparameters.All), named "hp.{name}".
/// They are read from the posted form rather than bound to the model because the set of names is the catalog's, not a
/// property list; a blank field means "the default", so only the values typed are sent and the API checks their ranges.
/// </summary>
public static class HyperparameterInputs
{
    public const string Prefix = "hp.";

    /// <summary>What was typed, by name (blank fields left out), to send and to show again after an error.</summary>
    public static Dictionary<string, string> Entered(HttpRequest request)
    {
        var entered = new Dictionary<string, string>();
        if (!request.HasFormContentType) return entered;
        foreach (var (key, value) in request.Form)
            if (key.StartsWith(Prefix, StringComparison.Ordinal) && value.ToString().Trim() is { Length: > 0 } text)
                entered[key[Prefix.Length..]] = text;
        return entered;
    }

    /// <summary>The typed values as numbers; the message of a value that is not one reads like the API's.</summary>
    public static Dictionary<string, double> Parse(IReadOnlyDictionary<string, string> entered)
    {
        var values = new Dictionary<string, double>();
        foreach (var (name, text) in entered)
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                throw new ApiValidationException($"Hyperparameter '{name}' must be a number (e.g. 0.0001 or 1e-4), not '{text}'.");
            values[name] = value;
        }
        return values;
    }
}
