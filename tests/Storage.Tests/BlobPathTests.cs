namespace MedVid.Storage.Tests;

public sealed class BlobPathTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("teams/7/videos/3f2a/proxy.mp4")]
    [InlineData(".hidden/..dots.../x_y-z.0")]
    public void Valid_paths_pass(string path)
    {
        BlobPath.Validate(path);
        Assert.True(BlobPath.IsValid(path));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("/abs", "relative")]
    [InlineData("a//b", "empty segment")]
    [InlineData("a/", "empty segment")]
    [InlineData("../x", "'..'")]
    [InlineData("a/./b", "'.'")]
    [InlineData("a\\b", "backslash")]
    [InlineData("a b", "' '")]
    [InlineData("a?b", "'?'")]
    public void Invalid_paths_throw_with_the_reason(string path, string reason)
    {
        var error = Assert.Throws<InvalidBlobPathException>(() => BlobPath.Validate(path));

        Assert.Contains(reason, error.Message);
        Assert.Equal(path, error.BlobPath);
        Assert.Equal("path", error.ParamName);
        Assert.False(BlobPath.IsValid(path));
    }

    [Fact]
    public void The_length_limit_is_1024_characters()
    {
        BlobPath.Validate(new string('a', 1024));

        Assert.Contains("1024", Assert.Throws<InvalidBlobPathException>(() => BlobPath.Validate(new string('a', 1025))).Message);
        Assert.Throws<InvalidBlobPathException>(() => BlobPath.Validate(null));
    }

    [Theory]
    [InlineData("")]
    [InlineData("teams/")]
    [InlineData("teams/7/vid")]
    [InlineData("teams/..")]
    public void Prefixes_may_end_anywhere(string prefix) => BlobPath.ValidatePrefix(prefix);

    [Theory]
    [InlineData("/teams")]
    [InlineData("../teams/")]
    [InlineData("teams//")]
    [InlineData("teams/a b")]
    public void Prefixes_follow_the_path_rule_for_their_complete_segments(string prefix) =>
        Assert.Throws<InvalidBlobPathException>(() => BlobPath.ValidatePrefix(prefix));
}
