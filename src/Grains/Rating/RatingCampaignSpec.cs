using System.Text.RegularExpressions;
using MedVid.Grains.Abstractions;
using MedVid.Grains.Teams;
using MedVid.Rating.Protocols;

namespace MedVid.Grains.Rating;

/// <summary>Where a rated video lives in the platform.</summary>
public enum VideoSourceKind
{
    /// <summary>An uploaded source video of a dataset; its browser proxy is streamed. Needs DatasetId and VideoId.</summary>
    DatasetVideo,

    /// <summary>A clip of a curated dataset version. Needs DatasetId and BlobPath (the manifest's clipBlob).</summary>
    DatasetClip,

    /// <summary>A generated video (or any MP4 of the team). Needs BlobPath under the team's prefix.</summary>
    Generated,
}

/// <summary>
/// One video of an item and the system that made it. Model, checkpoint and run stay on the researcher side: a rater
/// never receives them.
/// </summary>
public sealed record CampaignVideoSpec(
    VideoSourceKind Source, Guid? DatasetId, Guid? VideoId, int? DatasetVersion, string? BlobPath, string Model, string? Checkpoint, Guid? RunId)
{
    /// <summary>The key statistics group by: the model, and its checkpoint when given ("model@checkpoint").</summary>
    public string System => string.IsNullOrEmpty(Checkpoint) ? Model : $"{Model}@{Checkpoint}";
}

/// <summary>
/// One item: one video, or two (A then B) for pairwise protocols. The prompt and label are shown to raters (MedGen's
/// text alignment needs the prompt, Ophora's phase matching the phase); the label also groups the statistics.
/// <see cref="Gold"/> makes it a gold item: criterion id → known answer (<see cref="GoldAnswers"/>). Raters cannot tell
/// gold items from others; their answers on them measure each rater's reliability, and gold items are left out of the
/// statistics about systems.
/// </summary>
public sealed record CampaignItemSpec(IReadOnlyList<CampaignVideoSpec> Videos, string? Prompt, string? Label, IReadOnlyDictionary<string, string>? Gold = null);

public sealed record RatingCampaignSpec(
    string Name, string Protocol, IReadOnlyList<CampaignItemSpec> Items, IReadOnlyList<Guid> Raters, int RatersPerItem)
{
    public const int MaxItems = 5000;
    public const int MaxRaters = 50;

    /// <summary>Checks everything that needs no other grain. Returns the protocol.</summary>
    public RatingProtocol Validate(Guid teamId)
    {
        var name = Name?.Trim() ?? "";
        if (name.Length is 0 or > 200) throw new InvalidGrainArgumentException("A campaign name must have 1 to 200 characters.");
        var protocol = RatingProtocols.Find(Protocol)
            ?? throw new InvalidGrainArgumentException($"Unknown protocol '{Protocol}'; known: {RatingProtocols.Known}.");
        if (Items is null || Items.Count == 0) throw new InvalidGrainArgumentException("A campaign needs at least one item.");
        if (Items.Count > MaxItems) throw new InvalidGrainArgumentException($"A campaign may have at most {MaxItems} items.");
        if (Raters is null || Raters.Count == 0) throw new InvalidGrainArgumentException("A campaign needs at least one rater.");
        if (Raters.Count > MaxRaters) throw new InvalidGrainArgumentException($"A campaign may have at most {MaxRaters} raters.");
        if (Raters.Contains(Guid.Empty) || Raters.Distinct().Count() != Raters.Count)
            throw new InvalidGrainArgumentException("Raters must be distinct user ids.");
        if (RatersPerItem < 1 || RatersPerItem > Raters.Count)
            throw new InvalidGrainArgumentException($"ratersPerItem must be between 1 and the number of raters ({Raters.Count}).");
        if (protocol.RequiredRatersPerItem is { } required && RatersPerItem != required)
            throw new InvalidGrainArgumentException($"The {protocol.Id} protocol needs exactly {required} raters per item (its acceptance rule is two of three).");
        for (var i = 0; i < Items.Count; i++) ValidateItem(Items[i], i + 1, protocol, teamId);
        RefuseNamedSystems(name);
        return protocol;
    }

    private static void ValidateItem(CampaignItemSpec? item, int number, RatingProtocol protocol, Guid teamId)
    {
        if (item?.Videos is null || item.Videos.Count != protocol.VideosPerItem)
            throw new InvalidGrainArgumentException($"Item {number}: the {protocol.Id} protocol needs {protocol.VideosPerItem} video(s) per item.");
        if (item.Prompt?.Length > 2000) throw new InvalidGrainArgumentException($"Item {number}: the prompt may have at most 2000 characters.");
        if (item.Label?.Length > 100) throw new InvalidGrainArgumentException($"Item {number}: the label may have at most 100 characters.");
        foreach (var video in item.Videos) ValidateVideo(video, number, teamId);
        ParseGold(item, number, protocol);
    }

    /// <summary>The item's known answers as stored values; null for an ordinary item.</summary>
    public static Dictionary<string, int>? ParseGold(CampaignItemSpec item, int number, RatingProtocol protocol)
    {
        if (item.Gold is null) return null;
        try
        {
            return GoldAnswers.Parse(protocol, item.Gold);
        }
        catch (ArgumentException e)
        {
            throw new InvalidGrainArgumentException($"Item {number}: {e.Message}");
        }
    }

    private static void ValidateVideo(CampaignVideoSpec? video, int number, Guid teamId)
    {
        if (video is null) throw new InvalidGrainArgumentException($"Item {number}: a video is missing.");
        if (string.IsNullOrWhiteSpace(video.Model) || video.Model.Length > 100)
            throw new InvalidGrainArgumentException($"Item {number}: every video needs a model name of 1 to 100 characters (e.g. \"real\" for source videos).");
        if (video.Checkpoint?.Length > 200) throw new InvalidGrainArgumentException($"Item {number}: the checkpoint may have at most 200 characters.");
        switch (video.Source)
        {
            case VideoSourceKind.DatasetVideo when video.DatasetId is null || video.VideoId is null:
                throw new InvalidGrainArgumentException($"Item {number}: a dataset video needs datasetId and videoId.");
            case VideoSourceKind.DatasetClip when video.DatasetId is null || string.IsNullOrEmpty(video.BlobPath):
                throw new InvalidGrainArgumentException($"Item {number}: a dataset clip needs datasetId and blobPath.");
            case VideoSourceKind.DatasetClip when !video.BlobPath!.StartsWith(DatasetFolder(teamId, video.DatasetId!.Value), StringComparison.Ordinal) || HasDotSegment(video.BlobPath):
                throw new InvalidGrainArgumentException($"Item {number}: the clip is not a blob of that dataset of this team.");
            case VideoSourceKind.Generated when string.IsNullOrEmpty(video.BlobPath):
                throw new InvalidGrainArgumentException($"Item {number}: a generated video needs blobPath.");
            case VideoSourceKind.Generated when !TeamBlobs.Belongs(video.BlobPath!, teamId) || HasDotSegment(video.BlobPath!):
                throw new InvalidGrainArgumentException($"Item {number}: the video is not a blob of this team.");
            case not (VideoSourceKind.DatasetVideo or VideoSourceKind.DatasetClip or VideoSourceKind.Generated):
                throw new InvalidGrainArgumentException($"Item {number}: unknown video source '{video.Source}'.");
        }
    }

    /// <summary>
    /// Blinding: raters see the campaign name, prompts and labels, so none may name a model or checkpoint of the campaign
    /// (whole-word match, so "real" does not refuse "realistic").
    /// </summary>
    private void RefuseNamedSystems(string name)
    {
        var names = Items.SelectMany(i => i.Videos).SelectMany(v => new[] { v.Model, v.Checkpoint }).OfType<string>()
            .Select(n => n.Trim()).Where(n => n.Length > 0).Distinct().ToList();
        foreach (var (text, where) in Items.SelectMany((item, i) => new[] { (item.Prompt, $"item {i + 1}'s prompt"), (item.Label, $"item {i + 1}'s label") })
                     .Prepend((name, "the campaign name")))
        {
            if (string.IsNullOrEmpty(text)) continue;
            var named = names.FirstOrDefault(n => Regex.IsMatch(text, $@"(?<![\w-]){Regex.Escape(n)}(?![\w-])", RegexOptions.IgnoreCase));
            if (named is not null)
                throw new InvalidGrainArgumentException($"Blinding: {where} names '{named}', a model or checkpoint of this campaign; raters see it.");
        }
    }

    public static string DatasetFolder(Guid teamId, Guid datasetId) => $"{TeamBlobs.Prefix(teamId)}datasets/{datasetId:N}/";

    private static bool HasDotSegment(string path) => path.Split('/').Any(s => s is "." or ".." or "");
}
