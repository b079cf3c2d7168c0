using System.Text;

namespace MedVid.Rating.Export;

/// <summary>
/// RFC 4180 CSV (comma separated, CRLF line ends, fields with a comma, quote, CR or LF quoted with inner quotes doubled)
/// that is safe to open in a spreadsheet: a cell starting with = + - @ (or tab / CR, which some spreadsheets skip
/// before such a character) is prefixed with a single quote so it is read as text, not as a formula.
/// </summary>
public static class CsvWriter
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];
    private static readonly char[] NeedsQuotes = [',', '"', '\r', '\n'];

    public static string Cell(string? value)
    {
        value ??= "";
        if (value.Length > 0 && FormulaStarts.Contains(value[0])) value = "'" + value;
        return value.IndexOfAny(NeedsQuotes) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }

    public static string Line(IEnumerable<string?> cells) => string.Join(',', cells.Select(Cell)) + "\r\n";

    public static string Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var text = new StringBuilder(Line(header));
        foreach (var row in rows)
        {
            if (row.Count != header.Count) throw new ArgumentException($"A row has {row.Count} cells; the header has {header.Count}.", nameof(rows));
            text.Append(Line(row));
        }
        return text.ToString();
    }
}
