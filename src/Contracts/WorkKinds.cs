namespace MedVid.Contracts;

/// <summary>The kinds of work a compute host can execute. A work item names one of these.</summary>
public static class WorkKinds
{
    public const string IngestVideo = "ingest-video";
    public const string Train = "train";
    public const string Generate = "generate";
    public const string Curate = "curate";
    public const string PackageExport = "package-export";
    public const string Evaluate = "evaluate";

    public static readonly IReadOnlySet<string> All = new HashSet<string> { IngestVideo, Train, Generate, Curate, PackageExport, Evaluate };
}
