using MedVid.Grains.Abstractions;
using MedVid.Grains.Scheduling;

namespace MedVid.Grains.Generation;

/// <summary>A generation job: prompts against a trained model, its lifecycle, and the videos it produced.</summary>
public sealed class GenerationJobState : OwnedWorkState, IIndexedState
{
    public GenerationJobSpec? Spec { get; set; }
    public string? ResultJson { get; set; }

    /// <summary>The export run this job makes videos for, if any: its outcome is reported there too.</summary>
    public Guid? ExportRunId { get; set; }

    /// <summary>The evaluation this job makes videos for, if any: its outcome is reported there too.</summary>
    public Guid? EvaluationId { get; set; }

    protected override string What => "generation job";

    public void Create(Guid teamId, Guid createdBy, GenerationJobSpec spec, Guid workItemId, DateTimeOffset now)
    {
        spec.Validate();
        Begin(teamId, createdBy, workItemId, now);
        Spec = spec;
    }

    public void Finish(RunStatus outcome, string? resultJson, string? error, DateTimeOffset now)
    {
        End(outcome, error, now);
        ResultJson = resultJson;
    }

    public IEnumerable<GrainIndexEntry> IndexEntries() => Created ? [new GrainIndexEntry("team", TeamId.ToString())] : [];
}
