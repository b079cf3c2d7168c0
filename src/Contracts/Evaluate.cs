namespace MedVid.Contracts;

/// <summary>A generated video to evaluate: where it is and the prompt it was made from.</summary>
public sealed record EvaluatedVideo(string Blob, string Prompt);

/// <summary>
/// Payload of <see cref="WorkKinds.Evaluate"/>: generated videos measured against the clips of a dataset version
/// (<paramref name="ManifestBlob"/>): the <paramref name="ReferenceSplit"/> clips ("test", "train" or "all") are the
/// real reference, the training clips are what memorisation is checked against. The full report goes to
/// <paramref name="ReportBlob"/>. The training clips' <paramref name="LabelKey"/> labels ("modality": the clip's modality)
/// train the learned encoder of the second Fréchet distance; <paramref name="TrainedOn"/> names that data in its name.
/// </summary>
public sealed record EvaluatePayload(Guid EvaluationId, IReadOnlyList<EvaluatedVideo> Videos, string ManifestBlob, string ReferenceSplit, string ReportBlob,
    string LabelKey = "modality", string TrainedOn = "training clips");

/// <summary>
/// Result of an evaluation work item: the summary the API serves (metric means of the generated and the reference
/// videos, Fréchet distance and its encoder, near-copies), and where the per-video report is. The learned Fréchet
/// distance is null for evaluations made before it existed, and when no encoder could be trained (its encoder then
/// says why). <paramref name="PhantomAdherence"/> summarises the videos whose prompts ask for a phantom (videos,
/// modality_acc, and where asked hr_mae_bpm, cell_mae, polyp_acc); null when none does. <paramref name="I3dFrechetDistance"/>
/// is measured only on hosts given the site's I3D weights (FVD's feature space; its encoder names the weights' hash).
/// </summary>
public sealed record EvaluateResult(
    IReadOnlyDictionary<string, double> GeneratedMeans, IReadOnlyDictionary<string, double> ReferenceMeans, int GeneratedCount, int ReferenceCount,
    int TrainingCount, double? FrechetDistance, string FrechetEncoder, int NearCopies, double MemorisationThreshold, string MemorisationEncoder,
    string ReportBlob, double? LearnedFrechetDistance = null, string? LearnedEncoder = null, IReadOnlyDictionary<string, double>? PhantomAdherence = null,
    double? I3dFrechetDistance = null, string? I3dEncoder = null);
