using System.Text.Json;
using MedVid.Compute.Work;
using MedVid.Contracts;

namespace MedVid.Compute.Exports;

/// <summary>Runs a <see cref="WorkKinds.PackageExport"/> work item: the zip of an export run (see <see cref="ExportPackager"/>).</summary>
public sealed class PackageExportHandler(ExportPackager packager) : IWorkHandler
{
    public string Kind => WorkKinds.PackageExport;

    public async Task<object> ExecuteAsync(WorkContext context, CancellationToken ct)
    {
        var payload = JsonSerializer.Deserialize<PackageExportPayload>(context.PayloadJson)
            ?? throw new InvalidOperationException("The package-export payload is empty.");
        return await packager.PackAsync(payload, context.ScratchDirectory, context.Progress, ct);
    }
}
