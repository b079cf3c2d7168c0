using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MedVid.Curation.Manifest;

/// <summary>Reads and writes a dataset version: manifest.jsonl (one <see cref="ManifestClip"/> per
/// line), statistics.json and config.json. A version is immutable: writing refuses to replace
/// existing files, and its digest (SHA-256 of the manifest bytes) identifies its content.</summary>
public static class DatasetManifest
{
    public const string ManifestFileName = "manifest.jsonl";
    public const string StatisticsFileName = "statistics.json";
    public const string ConfigFileName = "config.json";

    private static readonly JsonSerializerOptions LineOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = false,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static readonly JsonSerializerOptions DocumentOptions = new(LineOptions) { WriteIndented = true };

    public static async Task WriteAsync(Stream stream, IEnumerable<ManifestClip> clips, CancellationToken cancellationToken = default)
    {
        var newline = "\n"u8.ToArray();
        foreach (var clip in clips)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await stream.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(clip, LineOptions), cancellationToken);
            await stream.WriteAsync(newline, cancellationToken);
        }
        await stream.FlushAsync(cancellationToken);
    }

    public static async IAsyncEnumerable<ManifestClip> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true);
        int lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            ManifestClip? clip;
            try
            {
                clip = JsonSerializer.Deserialize<ManifestClip>(line, LineOptions);
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"Manifest line {lineNumber} is not a manifest clip: {e.Message}", e);
            }
            yield return clip ?? throw new InvalidDataException($"Manifest line {lineNumber} is null.");
        }
    }

    public static async Task<IReadOnlyList<ManifestClip>> ReadAllAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        var clips = new List<ManifestClip>();
        await foreach (var clip in ReadAsync(stream, cancellationToken)) clips.Add(clip);
        return clips;
    }

    public static Task WriteStatisticsAsync(Stream stream, CurationStatistics statistics, CancellationToken cancellationToken = default) =>
        JsonSerializer.SerializeAsync(stream, statistics, DocumentOptions, cancellationToken);

    public static async Task<CurationStatistics> ReadStatisticsAsync(Stream stream, CancellationToken cancellationToken = default) =>
        await JsonSerializer.DeserializeAsync<CurationStatistics>(stream, DocumentOptions, cancellationToken)
        ?? throw new InvalidDataException("Statistics file is empty.");

    /// <summary>Writes the three files of a version into <paramref name="folder"/> and returns the
    /// manifest digest ("sha256:…"). Existing files are never overwritten.</summary>
    public static async Task<string> WriteVersionAsync(string folder, CurationResult result, IReadOnlyList<ManifestClip> manifest, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(folder);
        byte[] manifestBytes;
        using (var buffer = new MemoryStream())
        {
            await WriteAsync(buffer, manifest, cancellationToken);
            manifestBytes = buffer.ToArray();
        }
        await WriteNewAsync(Path.Combine(folder, ManifestFileName), s => s.WriteAsync(manifestBytes, cancellationToken).AsTask());
        await WriteNewAsync(Path.Combine(folder, StatisticsFileName), s => WriteStatisticsAsync(s, result.Statistics, cancellationToken));
        await WriteNewAsync(Path.Combine(folder, ConfigFileName), s => s.WriteAsync(Encoding.UTF8.GetBytes(result.Config.Redacted().ToJson()), cancellationToken).AsTask());
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(manifestBytes));
    }

    private static async Task WriteNewAsync(string path, Func<Stream, Task> write)
    {
        await using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        await write(stream);
    }
}
