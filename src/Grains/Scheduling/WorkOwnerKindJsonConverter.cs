using System.Text.Json;
using System.Text.Json.Serialization;

namespace MedVid.Grains.Scheduling;

/// <summary>
/// <see cref="WorkOwnerKind"/> by name, reading the name a kind had before it was renamed ("Dataset", now
/// <see cref="WorkOwnerKind.Curation"/>), so a scheduler's stored queue from before the rename still loads.
/// </summary>
public sealed class WorkOwnerKindJsonConverter : JsonConverter<WorkOwnerKind>
{
    private static readonly Dictionary<string, WorkOwnerKind> FormerNames = new(StringComparer.OrdinalIgnoreCase) { ["Dataset"] = WorkOwnerKind.Curation };

    public override WorkOwnerKind Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number) return (WorkOwnerKind)reader.GetInt32();
        var name = reader.GetString() ?? throw new JsonException("A work owner kind is null.");
        if (Enum.TryParse<WorkOwnerKind>(name, ignoreCase: true, out var kind) && Enum.IsDefined(kind)) return kind;
        return FormerNames.TryGetValue(name, out var renamed) ? renamed : throw new JsonException($"Unknown work owner kind '{name}'.");
    }

    public override void Write(Utf8JsonWriter writer, WorkOwnerKind value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
