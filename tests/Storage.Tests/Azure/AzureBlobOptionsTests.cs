using MedVid.Storage.Azure;

namespace MedVid.Storage.Tests.Azure;

public sealed class AzureBlobOptionsTests
{
    [Fact]
    public void An_explicit_blob_endpoint_connection_string_is_read_as_written()
    {
        var options = AzureBlobOptions.FromConnectionString(Azurite.DevelopmentConnectionString, "videos");

        Assert.Equal("devstoreaccount1", options.AccountName);
        Assert.EndsWith("==", options.AccountKey);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), options.BlobEndpoint);
        Assert.Equal("videos", options.ContainerName);
    }

    [Fact]
    public void UseDevelopmentStorage_means_Azurites_well_known_account()
    {
        var options = AzureBlobOptions.FromConnectionString("UseDevelopmentStorage=true");

        Assert.Equal(AzureBlobOptions.FromConnectionString(Azurite.DevelopmentConnectionString), options);
        Assert.Equal("medvid", options.ContainerName);
    }

    [Fact]
    public void Without_a_blob_endpoint_the_public_cloud_endpoint_is_built()
    {
        var options = AzureBlobOptions.FromConnectionString(
            "DefaultEndpointsProtocol=https;AccountName=medvidprod;AccountKey=a2V5;EndpointSuffix=core.windows.net");

        Assert.Equal(new Uri("https://medvidprod.blob.core.windows.net"), options.BlobEndpoint);
    }

    [Theory]
    [InlineData("AccountName=x;BlobEndpoint=http://h/x", "AccountKey")]
    [InlineData("AccountKey=a2V5;BlobEndpoint=http://h/x", "AccountName")]
    [InlineData("AccountName=x;SharedAccessSignature=sv=1", "SAS")]
    [InlineData("AccountName", "key=value")]
    public void Incomplete_connection_strings_say_what_is_missing(string connectionString, string mentioned)
    {
        var error = Assert.Throws<ArgumentException>(() => AzureBlobOptions.FromConnectionString(connectionString));

        Assert.Contains(mentioned, error.Message);
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

        Assert.Throws<ArgumentException>(() => new AzureBlobStore(options));
    }

    [Fact]
    public void A_key_that_is_not_base64_is_refused()
    {
        var options = AzureBlobOptions.FromConnectionString("UseDevelopmentStorage=true") with { AccountKey = "not base64!" };

        Assert.Contains("base64", Assert.Throws<ArgumentException>(options.Validate).Message);
    }
}
