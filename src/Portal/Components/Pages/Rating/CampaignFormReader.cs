using System.Globalization;
using MedVid.ControlPlane.Errors;
using MedVid.Grains.Rating;
using MedVid.Rating.Protocols;
using Microsoft.AspNetCore.Http;

namespace MedVid.Portal.Components.Pages.Rating;

/// <summary>
/// Turns the posted create form into a campaign spec. Only the form's shape is checked here; the API's own
/// validation (protocol, raters, blinding, blobs) runs on the result and its messages reach the form unchanged.
/// </summary>
public static class CampaignFormReader
{
    public static RatingCampaignSpec Read(IFormCollection form, CampaignSources sources)
    {
        var protocolId = form["protocol"].ToString();
        var protocol = RatingProtocols.Find(protocolId);
        var items = protocol?.Shape == ItemShape.Pair ? Pairs(form, sources, protocol) : Singles(form, sources, protocol);
        var raters = form["raters"].Select(r => Guid.TryParse(r, out var id) ? id : throw new ApiValidationException($"'{r}' is not a user id.")).ToList();
        if (!int.TryParse(form["ratersPerItem"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var perItem))
            throw new ApiValidationException("Raters per item must be a whole number.");
        return new RatingCampaignSpec(form["name"].ToString(), protocolId, items, raters, perItem);
    }

    private static List<CampaignItemSpec> Singles(IFormCollection form, CampaignSources sources, RatingProtocol? protocol)
    {
        var labelKey = form["labelKey"].ToString().Trim();
        var goldAnswer = form["goldAnswer"].ToString().Trim();
        var gold = form["goldVideos"].ToList();
        if (gold.Count > 0 && goldAnswer.Length == 0) throw new ApiValidationException("Gold videos need their known answer.");
        CampaignItemSpec Item(string value, string what, string? answer)
        {
            var (option, spec) = sources.Resolve(value, form["model"], what);
            var label = labelKey.Length > 0 ? option.Labels.GetValueOrDefault(labelKey) : null;
            return new CampaignItemSpec([spec], option.Prompt, label, answer is null ? null : EveryCriterion(protocol, answer));
        }
        return form["videos"].Select((value, i) => Item(value!, $"Video {i + 1}", null))
            .Concat(gold.Select((value, i) => Item(value!, $"Gold video {i + 1}", goldAnswer)))
            .ToList();
    }

    /// <summary>One known answer for every criterion of the protocol (the API names an unknown level).</summary>
    private static Dictionary<string, string>? EveryCriterion(RatingProtocol? protocol, string answer) =>
        protocol?.Criteria.ToDictionary(c => c.Id, _ => answer);

    private static List<CampaignItemSpec> Pairs(IFormCollection form, CampaignSources sources, RatingProtocol protocol)
    {
        var items = new List<CampaignItemSpec>();
        for (var i = 0; i < form["pairA"].Count; i++)
        {
            var (a, b) = (form["pairA"][i], form["pairB"].ElementAtOrDefault(i));
            if (string.IsNullOrEmpty(a) && string.IsNullOrEmpty(b)) continue;
            if (string.IsNullOrEmpty(a) || string.IsNullOrEmpty(b)) throw new ApiValidationException($"Pair {i + 1}: choose both videos.");
            var (optionA, specA) = sources.Resolve(a, form["pairModelA"].ElementAtOrDefault(i), $"Pair {i + 1}");
            var (_, specB) = sources.Resolve(b, form["pairModelB"].ElementAtOrDefault(i), $"Pair {i + 1}");
            if (specA.System == specB.System) throw new ApiValidationException($"Pair {i + 1}: both videos are from '{specA.System}'; name the model of each.");
            var prompt = form["pairPrompt"].ElementAtOrDefault(i) is { Length: > 0 } given ? given.Trim() : optionA.Prompt;
            var gold = form["pairGold"].ElementAtOrDefault(i) is { Length: > 0 } answer ? EveryCriterion(protocol, answer) : null;
            items.Add(new CampaignItemSpec([specA, specB], prompt, null, gold));
        }
        return items;
    }
}
