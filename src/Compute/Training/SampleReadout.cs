using System.Text.Json;
using MedVid.Phantoms;
using MedVid.Phantoms.Estimation;
using MedVid.Training.Runs;
using MedVid.Video;

namespace MedVid.Compute.Training;

/// <summary>
/// The phantom read-out of a checkpoint's samples (<c>phantom_readout</c>): each sample asks for a modality (its
/// provenance says which); the phantom estimators say which modality it shows. On a phantom dataset this tells whether
/// the model follows the modality in its prompt, e.g. whether its endoscopy and microscopy samples are told apart.
/// </summary>
public sealed record SampleReadout(IReadOnlyList<(string Asked, string Read)> Samples)
{
    private static readonly JsonSerializerOptions Provenance = new() { PropertyNameCaseInsensitive = true };

    public double ReadAsPrompted => Samples.Count == 0 ? double.NaN : Samples.Count(s => s.Asked == s.Read) / (double)Samples.Count;

    /// <summary>The run's metrics: the fraction read as prompted, and 1 or 0 per modality asked for.</summary>
    public IReadOnlyDictionary<string, double> Metrics() => new Dictionary<string, double>(
        Samples.Select(s => KeyValuePair.Create($"sample_read_as_prompted_{Key(s.Asked)}", s.Asked == s.Read ? 1.0 : 0.0)))
    {
        ["samples_read_as_prompted"] = ReadAsPrompted,
    };

    /// <summary>One line for the run's stage, e.g. "samples read by the phantom estimators: endoscopy as endoscopy, cell as cell (2 of 2 as prompted)".</summary>
    public string Describe()
    {
        var line = $"samples read by the phantom estimators: {string.Join(", ", Samples.Select(s => $"{s.Asked} as {s.Read}"))} " +
                   $"({Samples.Count(s => s.Asked == s.Read)} of {Samples.Count} as prompted)";
        var endoscopy = Samples.FirstOrDefault(s => s.Asked == Modality.Endoscopy.BoraName());
        var cells = Samples.FirstOrDefault(s => s.Asked == Modality.Cells.BoraName());
        if (endoscopy.Asked is null || cells.Asked is null) return line;
        var apart = endoscopy.Read == endoscopy.Asked && cells.Read == cells.Asked;
        return $"{line}; endoscopy and microscopy samples {(apart ? "told apart" : "not told apart")}";
    }

    /// <summary>Reads every sample whose provenance names the modality it asks for; samples without one are skipped.</summary>
    public static async Task<SampleReadout> ReadAsync(IReadOnlyList<string> sampleVideos, CancellationToken ct)
    {
        var samples = new List<(string, string)>();
        foreach (var mp4 in sampleVideos)
        {
            var json = Path.ChangeExtension(mp4, ".json");
            if (!File.Exists(json)) continue;
            var provenance = JsonSerializer.Deserialize<SampleProvenance>(await File.ReadAllTextAsync(json, ct), Provenance);
            if (provenance?.Modality is not { } asked) continue;
            var frames = await VideoDecoder.DecodeAllAsync(mp4, DecodeOptions.Native, ct);
            samples.Add((asked, PhantomEstimators.ClassifyModality(frames).Modality.BoraName()));
        }
        return new SampleReadout(samples);
    }

    private static string Key(string modality) => new([.. modality.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '_')]);
}
