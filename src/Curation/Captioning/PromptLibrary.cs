using System.Reflection;

namespace MedVid.Curation.Captioning;

/// <summary>The prompt templates in src/Curation/Prompts, embedded in the assembly so every host
/// captions with the same reviewed wording.</summary>
public static class PromptLibrary
{
    public const string System = "system.md";
    public const string BoraBackgroundCaption = "bora-background-caption.md";
    public const string OphoraNarrativeRefine = "ophora-narrative-refine.md";

    public static string Load(string name)
    {
        var resource = $"MedVid.Curation.Prompts.{name}";
        using var stream = typeof(PromptLibrary).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Prompt '{name}' is not embedded; expected resource '{resource}'.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Trim();
    }

    /// <summary>Replaces {name} placeholders; unknown placeholders stay as written.</summary>
    public static string Fill(string template, IReadOnlyDictionary<string, string> values)
    {
        foreach (var (key, value) in values) template = template.Replace("{" + key + "}", value, StringComparison.Ordinal);
        return template;
    }
}
