namespace MedVid.Grains.Exports;

/// <summary>Builds what users see of a run from its state.</summary>
public static class ExportRunViews
{
    public static ExportRunView Of(Guid id, ExportRunState state)
    {
        var labels = state.Labels.Select(l => new ExportLabelView(l.Name, l.Prompt, l.Status, l.Videos, l.VideosDone, l.Chunks.Count,
            l.Chunks.Select(c => c.Error).FirstOrDefault(e => e is not null), l.Chunks.Select(c => c.WaitReason).FirstOrDefault(r => r is not null),
            [.. l.Chunks.Where(c => c.GenerationJobId is not null).Select(c => c.GenerationJobId!.Value)])).ToList();
        var (videos, done) = (labels.Sum(l => l.Videos), labels.Sum(l => l.VideosDone));
        // Generation is most of the work; packaging is counted as the last 5 %.
        var progress = state.Status == ExportRunStatus.Succeeded ? 1 : videos == 0 ? 0 : 0.95 * done / videos;
        return new ExportRunView(id, state.TeamId, state.SpecificationId, state.Spec?.Name ?? "", state.Trigger, state.Status, state.CheckpointStep,
            state.CheckpointSha256, labels, videos, done, progress, Package(state.Package), state.Error, state.CreatedAt, state.FinishedAt,
            state.Rating is { } r ? new ExportRatingView(r.CampaignId, r.Videos.Count, r.Decided, r.Accepted) : null);
    }

    private static ExportPackageView? Package(ExportPackage? p) => p is null ? null : new ExportPackageView(p.Bytes, p.Sha256, p.Videos, p.PackagedAt,
        p.ExpiresAt, p.DeletedAt, p.HasZip && p.DeletedAt is null,
        !p.HasZip ? "No zip was asked for."
        : p.DeletedAt is { } deleted
            ? $"The zip was deleted on {deleted.UtcDateTime:yyyy-MM-dd HH:mm} UTC when its retention period ended; run the export again for a new one."
            : $"The zip is kept until {p.ExpiresAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC, then deleted.",
        p.DatasetVersion);
}
