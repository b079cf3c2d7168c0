namespace MedVid.Grains.Exports;

/// <summary>One class of the downstream task (e.g. "polyp") and the prompt its videos are generated from.</summary>
public sealed record ExportLabel(string Name, string Prompt)
{
    public const int MaxNameLength = 128;
    public const int MaxPromptLength = 2000;

    /// <summary>Names become folder names inside the zip, so they are kept to characters every file system accepts.</summary>
    public static bool IsSafeName(string name) =>
        name.Length is > 0 and <= MaxNameLength && name.Trim() == name && name is not "." and not ".."
        && name.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or ' ');
}
