using MedVid.Compute.Work;
using MedVid.Contracts;

namespace MedVid.Compute.Exports;

/// <summary>Runs a <see cref="WorkKinds.PackageExport"/> work item: the zip of an export run (see <see cref="ExportPackager"/>).</summary>
public sealed class PackageExportHandler(ExportPackager packager) : WorkHandler<PackageExportPayload, PackageExportResult>
{
    public override string Kind => WorkKinds.PackageExport;

    protected override async Task<PackageExportResult> ExecuteAsync(PackageExportPayload payload, WorkContext context, CancellationToken ct)
    {
        return await packager.PackAsync(payload, context.ScratchDirectory, context.Progress, ct);
    }
}
