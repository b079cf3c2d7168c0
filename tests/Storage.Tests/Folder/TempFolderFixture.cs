namespace MedVid.Storage.Tests.Folder;

/// <summary>A fresh folder under the system temp folder, removed with everything in it afterwards.</summary>
public sealed class TempFolderFixture : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("medvid-blobs-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
