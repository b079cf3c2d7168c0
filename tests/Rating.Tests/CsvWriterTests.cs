using MedVid.Rating.Export;

namespace MedVid.Rating.Tests;

public sealed class CsvWriterTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    [InlineData(null, "")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("cr\r\nlf", "\"cr\r\nlf\"")]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("a=b", "a=b")] // only a leading character is dangerous
    public void Cells_are_quoted_and_defused(string? value, string expected) => Assert.Equal(expected, CsvWriter.Cell(value));

    [Fact]
    public void Lines_end_with_crlf_and_rows_must_match_the_header()
    {
        Assert.Equal("a,b\r\n1,\"x,y\"\r\n", CsvWriter.Write(["a", "b"], [["1", "x,y"]]));
        Assert.Throws<ArgumentException>(() => CsvWriter.Write(["a", "b"], [["1"]]));
    }
}
