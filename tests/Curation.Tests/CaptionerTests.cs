using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using MedVid.Curation.Captioning;
using MedVid.Curation.Pipeline;

namespace MedVid.Curation.Tests;

public sealed class CaptionerTests
{
    private static CandidateClip Clip(string? narrative = null) => CandidateClip.FromFrames(
        "src/0",
        new CurationSource("src", "endoscopy", 1280, 720)
        {
            Title = "Colonoscopy withdrawal",
            Background = "HyperKvasir: gastrointestinal endoscopy from Baerum Hospital.",
            Narrative = narrative,
            Labels = new Dictionary<string, string> { ["finding"] = "polyp" },
        },
        25,
        Enumerable.Range(0, 20).Select(i => SyntheticFrames.Texture(64, 48, 0.05, offsetX: i)).ToList());

    [Fact]
    public void Templates_fill_metadata_and_skip_templates_with_missing_values()
    {
        var captioner = new TemplateCaptioner(["This is a {modality} video.", "{title} showing a {label:finding}.", "Narrated: {description}"]);
        var captions = captioner.Caption(Clip());
        Assert.Equal(["This is a endoscopy video.", "Colonoscopy withdrawal showing a polyp."], captions);
    }

    [Fact]
    public async Task Unconfigured_llm_makes_no_http_call()
    {
        var handler = new CountingHandler();
        using var http = new HttpClient(handler);

        var config = PipelineFixture.Config() with { TextOverlay = new TextOverlayConfig { Enabled = false } };
        var result = await CurationPipeline.Create(config, http).RunAsync(PipelineFixture.Sources(2));
        var captioner = ClipCaptioner.FromConfig(new CaptionConfig(), http);
        var (captions, decision) = await captioner.CaptionAsync(Clip());

        Assert.False(captioner.UsesChat);
        Assert.Equal("template captions", decision.Reason);
        Assert.NotEmpty(captions);
        Assert.NotEmpty(result.Clips);
        Assert.All(result.Decisions.Where(d => d.Stage == StageNames.Captioning), d => Assert.Equal("template captions", d.Reason));
        Assert.Equal(0, handler.Calls);
    }

    [Fact]
    public async Task Configured_llm_posts_a_chat_completion_with_frames_and_background()
    {
        await using var server = new FakeChatServer("A colonoscope withdraws through the colon, revealing a small sessile polyp.");
        var config = new CaptionConfig { Llm = new LlmCaptionConfig { Endpoint = server.Endpoint, Model = "test-model", ApiKey = "secret-key", FramesPerRequest = 4 } };
        using var http = new HttpClient();

        var (captions, decision) = await ClipCaptioner.FromConfig(config, http).CaptionAsync(Clip());

        Assert.Equal("A colonoscope withdraws through the colon, revealing a small sessile polyp.", captions[0]);
        Assert.Equal("This is a endoscopy video.", captions[1]);
        Assert.Equal(1, decision.Metrics["caption.llm"]);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("Bearer secret-key", request.Authorization);
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal("test-model", (string?)body["model"]);
        var content = body["messages"]![1]!["content"]!.AsArray();
        Assert.Contains("HyperKvasir", (string?)content[0]!["text"]);
        Assert.Equal(4, content.Count(p => (string?)p!["type"] == "image_url"));
        Assert.StartsWith("data:image/png;base64,iVBORw0KGgo", (string?)content[1]!["image_url"]!["url"]);
    }

    [Fact]
    public async Task Narrative_refining_sends_the_narration_as_text()
    {
        await using var server = new FakeChatServer("Capsulorhexis: forceps tear the anterior capsule in a circle.");
        var config = new CaptionConfig { Llm = new LlmCaptionConfig { Endpoint = server.Endpoint, Mode = LlmCaptionMode.NarrativeRefining } };
        using var http = new HttpClient();

        var (captions, _) = await ClipCaptioner.FromConfig(config, http).CaptionAsync(Clip("As I always tell my fellows, now we tear the capsule."));

        Assert.Equal("Capsulorhexis: forceps tear the anterior capsule in a circle.", captions[0]);
        var prompt = (string?)JsonNode.Parse(Assert.Single(server.Requests).Body)!["messages"]![1]!["content"];
        Assert.Contains("As I always tell my fellows, now we tear the capsule.", prompt);
    }

    [Fact]
    public async Task A_failing_endpoint_keeps_template_captions_and_says_why()
    {
        await using var server = new FakeChatServer("unused", status: 500);
        var config = new CaptionConfig { Llm = new LlmCaptionConfig { Endpoint = server.Endpoint } };
        using var http = new HttpClient();

        var (captions, decision) = await ClipCaptioner.FromConfig(config, http).CaptionAsync(Clip());

        Assert.True(decision.Kept);
        Assert.Contains("answered 500", decision.Reason);
        Assert.Equal("This is a endoscopy video.", captions[0]);
        Assert.Equal(0, decision.Metrics["caption.llm"]);
    }

    [Fact]
    public void Prompts_are_embedded()
    {
        Assert.Contains("{background}", PromptLibrary.Load(PromptLibrary.BoraBackgroundCaption));
        Assert.Contains("{narrative}", PromptLibrary.Load(PromptLibrary.OphoraNarrativeRefine));
        Assert.Contains("caption", PromptLibrary.Load(PromptLibrary.System));
    }

    private sealed class CountingHandler : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }
    }

    /// <summary>A minimal HTTP/1.1 server on a loopback TcpListener that answers every request with a chat completion.</summary>
    private sealed class FakeChatServer : IAsyncDisposable
    {
        private readonly TcpListener listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource stop = new();
        private readonly Task loop;
        private readonly string caption;
        private readonly int status;

        public FakeChatServer(string caption, int status = 200)
        {
            this.caption = caption;
            this.status = status;
            listener.Start();
            loop = Task.Run(AcceptLoopAsync);
        }

        public string Endpoint => $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        public List<(string Path, string? Authorization, string Body)> Requests { get; } = [];

        private async Task AcceptLoopAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                TcpClient client;
                try { client = await listener.AcceptTcpClientAsync(stop.Token); }
                catch (OperationCanceledException) { return; }
                using (client) await ServeAsync(client.GetStream());
            }
        }

        private async Task ServeAsync(NetworkStream stream)
        {
            var reader = new StreamReader(stream, Encoding.UTF8);
            var requestLine = await reader.ReadLineAsync() ?? "";
            string? authorization = null;
            int length = 0;
            while (await reader.ReadLineAsync() is { Length: > 0 } header)
            {
                var (name, value) = (header[..header.IndexOf(':')], header[(header.IndexOf(':') + 1)..].Trim());
                if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) length = int.Parse(value);
                if (name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)) authorization = value;
            }
            var body = new char[length];
            int read = 0;
            while (read < length) read += await reader.ReadAsync(body, read, length - read);
            lock (Requests) Requests.Add((requestLine.Split(' ')[1], authorization, new string(body)));

            var json = new JsonObject
            {
                ["id"] = "chatcmpl-test",
                ["object"] = "chat.completion",
                ["choices"] = new JsonArray { new JsonObject { ["index"] = 0, ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = caption } } },
            }.ToJsonString();
            var payload = Encoding.UTF8.GetBytes(json);
            var head = Encoding.ASCII.GetBytes($"HTTP/1.1 {status} {(status == 200 ? "OK" : "Error")}\r\nContent-Type: application/json\r\nContent-Length: {payload.Length}\r\nConnection: close\r\n\r\n");
            await stream.WriteAsync(head);
            await stream.WriteAsync(payload);
        }

        public async ValueTask DisposeAsync()
        {
            stop.Cancel();
            listener.Stop();
            await loop;
            stop.Dispose();
        }
    }
}
