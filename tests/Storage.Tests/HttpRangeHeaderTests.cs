namespace MedVid.Storage.Tests;

public sealed class HttpRangeHeaderTests
{
    [Theory]
    [InlineData("bytes=0-99", 0, 100)]
    [InlineData("bytes=100-199", 100, 100)]
    [InlineData("bytes=990-2000", 990, 10)]
    [InlineData("bytes=500-", 500, 500)]
    [InlineData("bytes=-100", 900, 100)]
    [InlineData("bytes=-5000", 0, 1000)]
    [InlineData("bytes=999-999", 999, 1)]
    [InlineData(" Bytes=10- 19 ", 10, 10)]
    public void Satisfiable_ranges_are_clamped_to_the_content(string header, long offset, long length)
    {
        Assert.Equal(HttpRangeParseResult.Satisfiable, HttpRangeHeader.TryParse(header, 1000, out var range));
        Assert.Equal(new BlobRange(offset, length), range);
    }

    [Theory]
    [InlineData("bytes=1000-")]
    [InlineData("bytes=1000-1001")]
    [InlineData("bytes=-0")]
    public void Ranges_missing_the_content_are_unsatisfiable(string header) =>
        Assert.Equal(HttpRangeParseResult.Unsatisfiable, HttpRangeHeader.TryParse(header, 1000, out _));

    [Fact]
    public void Any_range_of_empty_content_is_unsatisfiable()
    {
        Assert.Equal(HttpRangeParseResult.Unsatisfiable, HttpRangeHeader.TryParse("bytes=0-", 0, out _));
        Assert.Equal(HttpRangeParseResult.Unsatisfiable, HttpRangeHeader.TryParse("bytes=-10", 0, out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("bytes=")]
    [InlineData("bytes=-")]
    [InlineData("bytes=abc-")]
    [InlineData("bytes=5-1")]
    [InlineData("bytes=+5-10")]
    [InlineData("bytes=0-1,5-6")]
    [InlineData("items=0-10")]
    [InlineData("bytes 0-10")]
    [InlineData("bytes=99999999999999999999-")]
    public void Absent_malformed_or_multiple_ranges_mean_the_whole_content(string? header) =>
        Assert.Equal(HttpRangeParseResult.None, HttpRangeHeader.TryParse(header, 1000, out _));

    [Fact]
    public void Content_range_values_are_formatted_for_206_and_416()
    {
        Assert.Equal("bytes 100-199/1000", HttpRangeHeader.FormatContentRange(new BlobRange(100, 100), 1000));
        Assert.Equal("bytes 900-999/1000", HttpRangeHeader.FormatContentRange(new BlobRange(900, null), 1000));
        Assert.Equal("bytes */1000", HttpRangeHeader.FormatUnsatisfiedContentRange(1000));
    }
}
