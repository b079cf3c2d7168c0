using MedVid.Grains.Abstractions;
using MedVid.Grains.Generation;
using MedVid.Contracts.Training;

namespace MedVid.Grains.Exports;

/// <summary>Sampler settings and the shape of every video of an export; the bounds are those of a generation job.</summary>
public sealed record ExportSampling(
    string Sampler = SamplingVocabulary.Ddim, int Steps = 50, double Guidance = 7.5, double Eta = 0, string Spacing = SamplingVocabulary.Leading, int Frames = 16, int Width = 64,
    int Height = 64, int Gpus = 0)
{
    /// <summary>The generation job that makes <paramref name="prompts"/>' videos with these settings.</summary>
    public GenerationJobSpec ToGenerationJob(Guid trainingRunId, long checkpointStep, string prompt, IReadOnlyList<long> seeds) =>
        new(trainingRunId, [prompt], seeds.Count, seeds, Sampler, Steps, Guidance, Frames, Width, Height, Gpus, checkpointStep, Eta, Spacing);

    /// <summary>
    /// Checked by the generation job's own validation, so an export accepts exactly the settings a job would: one
    /// set of bounds, not two that drift apart.
    /// </summary>
    public IEnumerable<string> Problems()
    {
        var probe = ToGenerationJob(Guid.NewGuid(), 0, "probe", [0]);
        string? problem = null;
        try
        {
            probe.Validate();
        }
        catch (InvalidGrainArgumentException e)
        {
            problem = e.Message;
        }
        if (problem is not null) yield return problem;
    }
}
