using MedVid.Storage.Folder;
using MedVid.Storage.Tests.Contract;

namespace MedVid.Storage.Tests.Folder;

public sealed class FolderBlobStoreContractTests(TempFolderFixture folder)
    : BlobStoreContractTests(new FolderBlobStore(System.IO.Path.Combine(folder.Path, "root"))), IClassFixture<TempFolderFixture>
{
    [Fact]
    public void Kind_is_folder() => Assert.Equal("folder", Store.Kind);
}
