using System.Text.Json;
using MedVid.Compute.Work;
using MedVid.Contracts;
using MedVid.Curation.Manifest;
using MedVid.Evaluation.Frames;
using MedVid.Evaluation.Reports;
using MedVid.Storage;
using MedVid.Video;
using MedVid.Curation.Clips;

namespace MedVid.Compute.Evaluation;

/// <summary>
/// Runs an evaluation: decodes the generated videos and the dataset version's clips (the real ones at the generated
/// videos' size and length, so that size-dependent metrics compare), evaluates them (<see cref="VideoSetEvaluation"/>),
/// stores the per-video report as JSON and returns the summary.
/// </summary>
public sealed class EvaluateHandler(IBlobStore blobs, ComputeHostOptions options) : WorkHandler<EvaluatePayload, EvaluateResult>
{
    // Loaded once, on the first evaluation, from the site's file (ComputeHost:I3dWeights); null when none is configured.
    private readonly Lazy<I3dEncoder?> _i3d = new(() => string.IsNullOrEmpty(options.I3dWeights) ? null : new I3dEncoder(options.I3dWeights));
    private readonly Lock _i3dGate = new();

    public override string Kind => WorkKinds.Evaluate;

    protected override async Task<EvaluateResult> ExecuteAsync(EvaluatePayload payload, WorkContext context, CancellationToken ct)
    {
        IReadOnlyList<ManifestClip> manifest;
        await using (var stream = await blobs.OpenReadAsync(payload.ManifestBlob, null, ct))
            manifest = await DatasetManifest.ReadAllAsync(stream, ct);
        var training = manifest.Where(c => c.Split == DatasetSplit.Train).ToList();
        var reference = payload.ReferenceSplit switch
        {
            "test" => manifest.Where(c => c.Split == DatasetSplit.Test).ToList(),
            "train" => training,
            _ => manifest.ToList(),
        };
        if (payload.Videos.Count == 0) throw new InvalidOperationException("There are no generated videos to evaluate.");
        if (training.Count == 0) throw new InvalidOperationException("The dataset version has no training clips to check memorisation against.");
        if (reference.Count == 0) throw new InvalidOperationException($"The dataset version has no '{payload.ReferenceSplit}' clips to compare with.");

        var total = payload.Videos.Count + reference.Count + training.Count;
        var done = 0;
        void Decoded(string what) => context.Progress.Report(new WorkProgress(0.9 * ++done / total, $"decoded {done}/{total} videos ({what})"));

        var generated = new List<VideoSample>();
        foreach (var video in payload.Videos)
        {
            generated.Add(new VideoSample(video.Blob, await DecodeAsync(video.Blob, DecodeOptions.Native, context.ScratchDirectory, ct), video.Prompt));
            Decoded("generated");
        }
        var first = generated[0].Video;
        var realShape = new DecodeOptions(first.Width, first.Height, MaxFrames: first.Count);
        var referenceSamples = new List<VideoSample>();
        foreach (var clip in reference)
        {
            referenceSamples.Add(new VideoSample(clip.ClipId, await DecodeAsync(clip.ClipBlob, realShape, context.ScratchDirectory, ct)));
            Decoded("reference");
        }
        var trainingSamples = new List<VideoSample>();
        foreach (var clip in training)
        {
            var label = payload.LabelKey == "modality" ? clip.Modality : clip.Labels.GetValueOrDefault(payload.LabelKey);
            trainingSamples.Add(payload.ReferenceSplit != "test" && referenceSamples.FirstOrDefault(r => r.Id == clip.ClipId) is { } same
                ? same with { Label = label }
                : new VideoSample(clip.ClipId, await DecodeAsync(clip.ClipBlob, realShape, context.ScratchDirectory, ct), Label: label));
            Decoded("training");
        }

        context.Progress.Report(new WorkProgress(0.9, "measuring"));
        var report = await Task.Run(() =>
        {
            var i3d = _i3d.Value;
            if (i3d is null) return VideoSetEvaluation.Evaluate(generated, referenceSamples, trainingSamples, payload.LabelKey, payload.TrainedOn);
            // One network, so one evaluation at a time uses it.
            lock (_i3dGate) return VideoSetEvaluation.Evaluate(generated, referenceSamples, trainingSamples, payload.LabelKey, payload.TrainedOn, i3d);
        }, ct);
        await using (var json = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(report, ReportJson)))
            await blobs.PutAsync(payload.ReportBlob, json, "application/json", ct);
        return new EvaluateResult(report.GeneratedMeans, report.ReferenceMeans, report.Generated.Count, report.ReferenceCount, report.TrainingCount,
            report.FrechetDistance, report.FrechetEncoder, report.NearCopies, report.MemorisationThreshold, report.MemorisationEncoder, payload.ReportBlob,
            report.LearnedFrechetDistance, report.LearnedEncoder, PhantomSummary(report.Phantoms?.Overall), report.I3dFrechetDistance, report.I3dEncoder);
    }

    private static Dictionary<string, double>? PhantomSummary(PhantomPromptAdherence? overall)
    {
        if (overall is null) return null;
        var summary = new Dictionary<string, double> { ["videos"] = overall.Videos, ["modality_acc"] = overall.ModalityAccuracy };
        if (overall.HeartRateMaeBpm is { } hr) summary["hr_mae_bpm"] = hr;
        if (overall.CellCountMae is { } cells) summary["cell_mae"] = cells;
        if (overall.PolypAccuracy is { } polyp) summary["polyp_acc"] = polyp;
        return summary;
    }

    private static readonly JsonSerializerOptions ReportJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private async Task<FrameSequence> DecodeAsync(string blob, DecodeOptions options, string scratch, CancellationToken ct)
    {
        var file = Path.Combine(scratch, $"{Guid.NewGuid():N}.mp4");
        await using (var source = await blobs.OpenReadAsync(blob, null, ct))
        await using (var target = File.Create(file))
            await source.CopyToAsync(target, ct);
        try
        {
            var frames = await VideoDecoder.DecodeAllAsync(file, options, ct);
            var probe = await VideoProbe.ProbeAsync(file, ct);
            return FrameSequence.FromRgbFrames(frames, probe.Fps);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
