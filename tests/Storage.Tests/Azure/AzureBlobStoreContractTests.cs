using MedVid.Storage.Tests.Contract;

namespace MedVid.Storage.Tests.Azure;

public sealed class AzureBlobStoreContractTests(AzuriteContainerFixture azurite)
    : BlobStoreContractTests(azurite.Store), IClassFixture<AzuriteContainerFixture>
{
    [Fact]
    public void Kind_is_azure() => Assert.Equal("azure", Store.Kind);
}
