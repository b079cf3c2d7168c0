using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MedVid.Compute.Exports;

/// <summary>Writes an export's manifest as CSV (RFC 4180, a header row, invariant culture) and as JSON (camelCase rows).</summary>
public static class ExportManifest
{
    public const string CsvFile = "manifest.csv";
    public const string JsonFile = "manifest.json";

    private static readonly string[] Columns =
    [
        "file", "label", "prompt", "seed", "checkpoint_step", "checkpoint_sha256", "sampler", "steps", "guidance", "eta", "spacing", "width",
        "height", "frames", "bytes", "sha256", "created_at", "rating_outcome",
    ];

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string ToCsv(IEnumerable<ExportManifestRow> rows)
    {
        var csv = new StringBuilder().AppendJoin(',', Columns).Append("\r\n");
        foreach (var r in rows)
        {
            csv.AppendJoin(',', new[]
            {
                r.File, r.Label, r.Prompt, Number(r.Seed), Number(r.CheckpointStep), r.CheckpointSha256, r.Sampler, Number(r.Steps), Number(r.Guidance),
                Number(r.Eta), r.Spacing, Number(r.Width), Number(r.Height), Number(r.Frames), Number(r.Bytes), r.Sha256,
                r.CreatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture), r.RatingOutcome,
            }.Select(Quote)).Append("\r\n");
        }
        return csv.ToString();
    }

    public static string ToJson(IReadOnlyList<ExportManifestRow> rows) => JsonSerializer.Serialize(rows, Json);

    private static string Number(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
