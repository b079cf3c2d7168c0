using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MedVid.Curation.Config;
using MedVid.Curation.Imaging;
using MedVid.Curation.Stages;
using MedVid.Curation.Clips;

namespace MedVid.Curation.Captioning;

/// <summary>Captions through an OpenAI-compatible chat endpoint (POST {endpoint}/v1/chat/completions).
/// BackgroundInjected (Bora): evenly sampled frames as images plus the dataset's background text.
/// NarrativeRefining (Ophora): the source's narration rewritten into an instruction, text only;
/// a source without narration falls back to BackgroundInjected.</summary>
public sealed class OpenAiChatCaptioner : IChatCaptioner
{
    private readonly LlmCaptionConfig config;
    private readonly HttpClient http;
    private readonly string systemPrompt = PromptLibrary.Load(PromptLibrary.System);

    /// <param name="http">Client to send with; the caller owns it (one per host is enough).</param>
    public OpenAiChatCaptioner(LlmCaptionConfig config, HttpClient http)
    {
        if (!config.IsConfigured) throw new ArgumentException("The LLM captioner needs an endpoint.", nameof(config));
        this.config = config;
        this.http = http;
    }

    public Uri RequestUri => new(config.Endpoint!.TrimEnd('/') + "/v1/chat/completions");

    public async Task<string> CaptionAsync(CandidateClip clip, CancellationToken cancellationToken = default)
    {
        var body = BuildRequest(clip);
        using var request = new HttpRequestMessage(HttpMethod.Post, RequestUri)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        var apiKey = config.ResolveApiKey();
        if (!string.IsNullOrEmpty(apiKey)) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(config.TimeoutSeconds));
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, timeout.Token);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CaptioningException($"The chat endpoint did not answer within {config.TimeoutSeconds} s.", e);
        }
        catch (HttpRequestException e)
        {
            throw new CaptioningException($"The chat endpoint {RequestUri} could not be reached: {e.Message}", e);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
                throw new CaptioningException($"The chat endpoint answered {(int)response.StatusCode}: {Truncate(text)}");
            return ParseCaption(text);
        }
    }

    internal JsonObject BuildRequest(CandidateClip clip)
    {
        bool refine = config.Mode == LlmCaptionMode.NarrativeRefining && !string.IsNullOrWhiteSpace(clip.Source.Narrative);
        var values = new Dictionary<string, string>
        {
            ["modality"] = clip.Source.Modality,
            ["title"] = clip.Source.Title ?? "(none)",
            ["description"] = clip.Source.Description ?? "(none)",
            ["background"] = clip.Source.Background ?? "(none given)",
            ["narrative"] = clip.Source.Narrative ?? "",
            ["labels"] = clip.Source.Labels.Count == 0 ? "(none)" : string.Join(", ", clip.Source.Labels.Select(l => $"{l.Key}={l.Value}")),
            ["duration"] = clip.DurationSeconds.ToString("0.#", CultureInfo.InvariantCulture),
        };

        JsonNode userContent;
        if (refine)
        {
            userContent = PromptLibrary.Fill(PromptLibrary.Load(PromptLibrary.OphoraNarrativeRefine), values);
        }
        else
        {
            var frames = UniformSampling.Indices(clip.Frames.Count, config.FramesPerRequest);
            values["frameCount"] = frames.Length.ToString(CultureInfo.InvariantCulture);
            var parts = new JsonArray
            {
                new JsonObject { ["type"] = "text", ["text"] = PromptLibrary.Fill(PromptLibrary.Load(PromptLibrary.BoraBackgroundCaption), values) },
            };
            foreach (var index in frames)
            {
                var png = ImageFiles.ToPng(Downscale(clip.Frames[index]));
                parts.Add(new JsonObject
                {
                    ["type"] = "image_url",
                    ["image_url"] = new JsonObject { ["url"] = "data:image/png;base64," + Convert.ToBase64String(png) },
                });
            }
            userContent = parts;
        }

        return new JsonObject
        {
            ["model"] = config.Model,
            ["temperature"] = config.Temperature,
            ["messages"] = new JsonArray
            {
                new JsonObject { ["role"] = "system", ["content"] = systemPrompt },
                new JsonObject { ["role"] = "user", ["content"] = userContent },
            },
        };
    }

    private Video.RgbFrame Downscale(Video.RgbFrame frame)
    {
        double scale = Math.Min(1.0, (double)config.ImageMaxSide / Math.Max(frame.Width, frame.Height));
        return scale >= 1.0 ? frame : FrameResizer.Resize(frame, Math.Max(1, (int)(frame.Width * scale)), Math.Max(1, (int)(frame.Height * scale)));
    }

    internal static string ParseCaption(string responseJson)
    {
        try
        {
            var root = JsonNode.Parse(responseJson);
            var content = root?["choices"]?[0]?["message"]?["content"]?.GetValue<string>();
            var caption = content?.Trim().Trim('"').Trim();
            if (string.IsNullOrEmpty(caption)) throw new CaptioningException($"The chat endpoint answered without a caption: {Truncate(responseJson)}");
            return caption;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new CaptioningException($"The chat endpoint's answer is not a chat completion: {Truncate(responseJson)}", e);
        }
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
