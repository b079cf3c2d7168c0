namespace MedVid.Portal.BrowserTests.Infrastructure;

/// <summary>
/// Screenshots of the main pages for docs/screenshots/, written only when MEDVID_SCREENSHOTS=1 (infra/screenshots.sh),
/// so ordinary test runs never change tracked files.
/// </summary>
public static class Screenshots
{
    public static bool Enabled => Environment.GetEnvironmentVariable("MEDVID_SCREENSHOTS") == "1";

    public static async Task SaveAsync(IPage page, string name)
    {
        if (!Enabled) return;
        var folder = Path.Combine(RepositoryRoot(), "docs", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}.png"), FullPage = true });
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MedVid.sln"))) return dir.FullName;
        throw new InvalidOperationException("MedVid.sln not found above the test's folder.");
    }
}
