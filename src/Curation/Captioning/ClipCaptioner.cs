using MedVid.Curation.Config;
using MedVid.Curation.Clips;

namespace MedVid.Curation.Captioning;

/// <summary>The captioning stage: template captions always, and first in the list the chat
/// captioner's caption when one is configured. A chat failure keeps the clip with its template
/// captions and says so in the decision; a clip with no caption at all is dropped.</summary>
public sealed class ClipCaptioner(CaptionConfig config, IChatCaptioner? chat)
{
    private readonly TemplateCaptioner templates = new(config.Templates);

    public bool UsesChat => chat is not null;

    /// <summary>The captioner a config asks for: a chat captioner only when an endpoint is configured.</summary>
    public static ClipCaptioner FromConfig(CaptionConfig config, HttpClient? http = null) =>
        new(config, config.Llm.IsConfigured ? new OpenAiChatCaptioner(config.Llm, http ?? new HttpClient()) : null);

    public async Task<(IReadOnlyList<string> Captions, StageDecision Decision)> CaptionAsync(CandidateClip clip, CancellationToken cancellationToken = default)
    {
        var captions = new List<string>();
        string? chatFailure = null;
        if (chat is not null)
        {
            try
            {
                captions.Add(await chat.CaptionAsync(clip, cancellationToken));
            }
            catch (CaptioningException e)
            {
                chatFailure = e.Message;
            }
        }
        captions.AddRange(templates.Caption(clip));

        var metrics = new Dictionary<string, double>
        {
            ["caption.count"] = captions.Count,
            ["caption.words"] = captions.Count == 0 ? 0 : CaptionWords.Count(captions[0]),
            ["caption.llm"] = chat is not null && chatFailure is null ? 1 : 0,
        };
        if (captions.Count == 0)
            return (captions, StageDecision.Drop(clip.Id, StageNames.Captioning, chatFailure is null ? "no template applies" : "LLM failed and no template applies", metrics));
        var reason = chat is null ? "template captions" : chatFailure is null ? "LLM caption and template captions" : $"LLM failed, template captions used: {chatFailure}";
        return (captions, StageDecision.Keep(clip.Id, StageNames.Captioning, reason, metrics));
    }
}

/// <summary>Caption length in words, the x-axis of Bora's Figure 5.</summary>
public static class CaptionWords
{
    public static int Count(string caption) => caption.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}
