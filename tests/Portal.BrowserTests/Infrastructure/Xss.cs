namespace MedVid.Portal.BrowserTests.Infrastructure;

/// <summary>Text that would run script if a page put it into the DOM as markup; each sets window.__xss.</summary>
public static class Xss
{
    public const string Script = "<script>window.__xss='script'</script>";
    public const string Image = "<img src=x onerror=\"window.__xss='img'\">";

    /// <summary>For file names: browsers escape '"' in a multipart file name, so this one has none.</summary>
    public const string FileImage = "<img src=x onerror=window.__xss='file'>";

    /// <summary>Evaluated in the page: true when none of the payloads ran.</summary>
    public const string DidNotRun = "() => typeof window.__xss === 'undefined'";
}
