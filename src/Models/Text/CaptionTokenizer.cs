using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using static TorchSharp.torch;

namespace MedVid.Models.Text;

/// <summary>
/// Word-level tokenizer built from a dataset's captions: lower-cased words and single punctuation
/// marks, with [PAD] = 0, [UNK] = 1, [BOS] = 2, [EOS] = 3 and then words by descending frequency
/// (ties in ordinal order), so the same captions always give the same ids. Saved as JSON.
/// </summary>
public sealed partial class CaptionTokenizer
{
    public const string Pad = "[PAD]";
    public const string Unknown = "[UNK]";
    public const string Begin = "[BOS]";
    public const string End = "[EOS]";
    public const int PadId = 0;
    public const int UnknownId = 1;
    public const int BeginId = 2;
    public const int EndId = 3;
    private const string Format = "medvid-caption-tokenizer";

    private readonly string[] tokens;
    private readonly Dictionary<string, int> ids;

    private CaptionTokenizer(string[] tokens)
    {
        if (tokens.Length < 4 || tokens[PadId] != Pad || tokens[UnknownId] != Unknown || tokens[BeginId] != Begin || tokens[EndId] != End)
            throw new ArgumentException("a caption vocabulary starts with [PAD], [UNK], [BOS], [EOS]");
        this.tokens = tokens;
        ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < tokens.Length; i++)
            if (!ids.TryAdd(tokens[i], i)) throw new ArgumentException($"token '{tokens[i]}' appears twice in the vocabulary");
    }

    public int VocabularySize => tokens.Length;

    public IReadOnlyList<string> Tokens => tokens;

    /// <summary>Builds the vocabulary of <paramref name="captions"/>: words seen at least <paramref name="minCount"/> times, at most <paramref name="maxWords"/> of them.</summary>
    public static CaptionTokenizer Build(IEnumerable<string> captions, int minCount = 1, int? maxWords = null)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var caption in captions)
            foreach (var word in Split(caption))
                counts[word] = counts.GetValueOrDefault(word) + 1;
        var words = counts.Where(kv => kv.Value >= minCount)
            .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => kv.Key);
        if (maxWords is { } limit) words = words.Take(limit);
        return new CaptionTokenizer([Pad, Unknown, Begin, End, .. words]);
    }

    /// <summary>Lower-cased words (runs of letters), single digits and single punctuation marks.</summary>
    public static IEnumerable<string> Split(string text) =>
        WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value);

    /// <summary>[BOS] words… [EOS], truncated (keeping [EOS]) and padded with [PAD] to <paramref name="maxLength"/>.</summary>
    public int[] Encode(string text, int maxLength)
    {
        if (maxLength < 2) throw new ArgumentOutOfRangeException(nameof(maxLength), "room for [BOS] and [EOS] is needed");
        var result = new int[maxLength];
        result[0] = BeginId;
        var position = 1;
        foreach (var word in Split(text))
        {
            if (position == maxLength - 1) break;
            result[position++] = ids.TryGetValue(word, out var id) ? id : UnknownId;
        }
        result[position] = EndId;
        return result;
    }

    public string Decode(IEnumerable<int> tokenIds) =>
        string.Join(' ', tokenIds.Where(i => i is not (PadId or BeginId or EndId)).Select(i => i >= 0 && i < tokens.Length ? tokens[i] : Unknown));

    /// <summary>
    /// The value of the number each token of <see cref="Encode"/> belongs to, NaN for other tokens: "at 55 bpm" gives 55 at
    /// both digits, "0.7" gives 0.7 at "0", "." and "7". Aligned with <see cref="Encode"/>, truncation included.
    /// </summary>
    public static float[] NumberValues(string text, int maxLength)
    {
        if (maxLength < 2) throw new ArgumentOutOfRangeException(nameof(maxLength), "room for [BOS] and [EOS] is needed");
        var lowered = text.ToLowerInvariant();
        var numbers = NumberPattern().Matches(lowered);
        var result = new float[maxLength];
        Array.Fill(result, float.NaN);
        var position = 1;
        foreach (Match word in WordPattern().Matches(lowered))
        {
            if (position == maxLength - 1) break;
            var number = numbers.FirstOrDefault(n => word.Index >= n.Index && word.Index < n.Index + n.Length);
            if (number is not null) result[position] = float.Parse(number.Value, CultureInfo.InvariantCulture);
            position++;
        }
        return result;
    }

    /// <summary>Token ids int64 [B, maxLength] and mask bool [B, maxLength] (true up to and including [EOS]).</summary>
    public (Tensor Ids, Tensor Mask) EncodeBatch(IReadOnlyList<string> texts, int maxLength, Device? device = null)
    {
        var flat = new long[texts.Count * maxLength];
        var mask = new bool[flat.Length];
        for (var b = 0; b < texts.Count; b++)
        {
            var row = Encode(texts[b], maxLength);
            var end = Array.IndexOf(row, EndId);
            for (var i = 0; i < maxLength; i++)
            {
                flat[b * maxLength + i] = row[i];
                mask[b * maxLength + i] = i <= end;
            }
        }
        return (tensor(flat, [texts.Count, maxLength], device: device), tensor(mask, [texts.Count, maxLength], device: device));
    }

    public void Save(string path) =>
        File.WriteAllText(path, JsonSerializer.Serialize(new TokenizerFile(Format, 1, tokens), JsonOptions));

    public static CaptionTokenizer Load(string path)
    {
        var file = JsonSerializer.Deserialize<TokenizerFile>(File.ReadAllText(path), JsonOptions)
            ?? throw new InvalidDataException($"{path}: empty tokenizer file");
        if (file.Format != Format || file.Version != 1)
            throw new InvalidDataException($"{path}: not a {Format} version 1 file (format '{file.Format}', version {file.Version.ToString(CultureInfo.InvariantCulture)})");
        return new CaptionTokenizer(file.Tokens);
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private sealed record TokenizerFile(
        [property: JsonPropertyName("format")] string Format,
        [property: JsonPropertyName("version")] int Version,
        [property: JsonPropertyName("tokens")] string[] Tokens);

    // A decimal number in ASCII digits with at most one inner point ("0.7"); a sentence's full stop after "55." is not part of it.
    [GeneratedRegex(@"[0-9]+(?:\.[0-9]+)?", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();

    // Digits one by one: a number the training captions never held (a heart rate of 55) is still spelled with known tokens.
    [GeneratedRegex(@"\p{L}+|\p{N}|[^\s\p{L}\p{N}]", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();
}
