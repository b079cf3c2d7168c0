namespace MedVid.Video.Tests;

/// <summary>A scratch folder per test class, deleted afterwards; all test videos are generated into it.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("medvid-video-tests-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

/// <summary>Base of tests that generate their videos into a <see cref="TempFolder"/> of their own, deleted after each test.</summary>
public abstract class TempFolderTest : IDisposable
{
    protected TempFolder Temp { get; } = new();

    public void Dispose() => Temp.Dispose();
}
