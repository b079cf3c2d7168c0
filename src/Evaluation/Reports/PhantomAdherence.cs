using MedVid.Evaluation.Frames;
using MedVid.Phantoms;
using MedVid.Phantoms.Estimation;
using MedVid.Phantoms.Prompts;

namespace MedVid.Evaluation.Reports;

/// <summary>What the phantom estimators read from one generated video, beside what its prompt asked.</summary>
public sealed record PhantomVideoReading(
    string Id, string Prompt, string AskedModality, string ReadModality, double? AskedBpm, double? ReadBpm, int? AskedCells, int? ReadCells,
    bool? AskedPolyp, bool? ReadPolyp);

/// <summary>
/// Adherence of one prompt's videos (or of all, <see cref="Prompt"/> null): share read as the asked modality, mean
/// absolute heart-rate and cell-count errors, share with the asked polyp finding; null where the prompt asks nothing of it.
/// </summary>
public sealed record PhantomPromptAdherence(string? Prompt, int Videos, double ModalityAccuracy, double? HeartRateMaeBpm, double? CellCountMae, double? PolypAccuracy);

/// <summary>Per-prompt and overall phantom adherence of a generated set (docs/evaluation.md); empty when no prompt is a phantom prompt.</summary>
public sealed record PhantomAdherenceReport(IReadOnlyList<PhantomVideoReading> Videos, IReadOnlyList<PhantomPromptAdherence> Prompts, PhantomPromptAdherence? Overall);

/// <summary>
/// The phantom estimators applied to generated videos whose prompts ask for a phantom (<see cref="PhantomPrompt"/>), as
/// the phantoms bench scores them: modality from the whole clip, heart rate for echo prompts, cells counted on the first
/// frame for microscopy prompts, polyp for endoscopy prompts.
/// </summary>
public static class PhantomAdherence
{
    public static PhantomAdherenceReport Measure(IReadOnlyList<VideoSample> generated)
    {
        var readings = new List<PhantomVideoReading>();
        foreach (var video in generated)
        {
            if (video.Prompt is not { } prompt || PhantomPrompt.Parse(prompt) is not { } asked) continue;
            var frames = video.Video.ToRgbFrames();
            var fps = video.Video.Fps;
            readings.Add(new PhantomVideoReading(video.Id, prompt, asked.Modality.BoraName(), PhantomEstimators.ClassifyModality(frames).Modality.BoraName(),
                asked.HeartRateBpm, asked.HeartRateBpm is null ? null : PhantomEstimators.EstimateHeartRate(frames, fps).Bpm,
                asked.CellCount, asked.CellCount is null ? null : PhantomEstimators.CountCells(frames[0]).Count,
                asked.Polyp, asked.Polyp is null ? null : PhantomEstimators.DetectPolyp(frames).Present));
        }
        if (readings.Count == 0) return new PhantomAdherenceReport([], [], null);
        var prompts = readings.GroupBy(r => r.Prompt).Select(g => Summarise(g.Key, g.ToList())).ToList();
        return new PhantomAdherenceReport(readings, prompts, Summarise(null, readings));
    }

    private static PhantomPromptAdherence Summarise(string? prompt, IReadOnlyList<PhantomVideoReading> readings)
    {
        static double? MeanOf(IEnumerable<double> values) => values.ToList() is { Count: > 0 } list ? list.Average() : null;
        return new PhantomPromptAdherence(prompt, readings.Count,
            readings.Count(r => r.AskedModality == r.ReadModality) / (double)readings.Count,
            MeanOf(readings.Where(r => r.AskedBpm is not null).Select(r => Math.Abs(r.ReadBpm!.Value - r.AskedBpm!.Value))),
            MeanOf(readings.Where(r => r.AskedCells is not null).Select(r => (double)Math.Abs(r.ReadCells!.Value - r.AskedCells!.Value))),
            MeanOf(readings.Where(r => r.AskedPolyp is not null).Select(r => r.ReadPolyp == r.AskedPolyp ? 1.0 : 0.0)));
    }
}
