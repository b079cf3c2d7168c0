using MedVid.Storage.Azure;

namespace MedVid.Storage.Tests.Azure;

/// <summary>Connection strings and container names are checked before any request is made.</summary>
public sealed class AzureBlobOptionsTests
{
    [Theory]
    [InlineData("UseDevelopmentStorage=true", "http://127.0.0.1:10000/devstoreaccount1/medvid")]
    [InlineData(Azurite.DevelopmentConnectionString, "http://127.0.0.1:10000/devstoreaccount1/medvid")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=medvidprod;AccountKey=a2V5;EndpointSuffix=core.windows.net",
        "https://medvidprod.blob.core.windows.net/medvid")]
    [InlineData("BlobEndpoint=https://medvidprod.blob.core.windows.net;SharedAccessSignature=sv=2024-11-04&sig=abc",
        "https://medvidprod.blob.core.windows.net/medvid")]
    public void Connection_strings_the_SDK_reads_point_the_store_at_their_endpoint(string connectionString, string containerUri)
    {
        var options = AzureBlobOptions.FromConnectionString(connectionString);

        Assert.Equal(containerUri, options.CreateContainerClient(httpClient: null).Uri.GetLeftPart(UriPartial.Path));
    }

    [Theory]
    [InlineData("AccountName=x;BlobEndpoint=http://h/x")]
    [InlineData("AccountKey=a2V5;BlobEndpoint=http://h/x")]
    [InlineData("AccountName=x;AccountKey=not base64!;BlobEndpoint=http://h/x")]
    [InlineData("AccountName")]
    [InlineData("UseDevelopmentStorage=maybe")]
    public void A_bad_connection_string_says_what_would_work_without_repeating_the_key(string connectionString)
    {
        var options = AzureBlobOptions.FromConnectionString(connectionString);

        var error = Assert.Throws<ArgumentException>(() => new AzureBlobStore(options));

        Assert.Contains("not a usable Azure storage connection string", error.Message);
        Assert.Contains("UseDevelopmentStorage=true", error.Message);
        Assert.Contains("AccountName=…;AccountKey=…", error.Message);
        Assert.DoesNotContain("a2V5", error.Message);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("Upper")]
    [InlineData("double--hyphen")]
    [InlineData("-leading")]
    [InlineData("under_score")]
    public void Invalid_container_names_are_refused_before_any_request(string container)
    {
        var options = AzureBlobOptions.FromConnectionString("UseDevelopmentStorage=true", container);

        Assert.Contains("container name", Assert.Throws<ArgumentException>(() => new AzureBlobStore(options)).Message);
    }

    [Fact]
    public void The_account_key_stays_out_of_ToString()
    {
        var options = AzureBlobOptions.FromConnectionString(Azurite.DevelopmentConnectionString, "videos");

        Assert.DoesNotContain("AccountKey", options.ToString());
        Assert.Contains("videos", options.ToString());
    }
}
