namespace MedVid.Compute.UnitTests;

/// <summary>Base of tests that write files: a temporary folder of their own (named with <paramref name="prefix"/>), deleted after each test.</summary>
public abstract class TempFolderTest(string prefix) : IDisposable
{
    protected string Root { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
