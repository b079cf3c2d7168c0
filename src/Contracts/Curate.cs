namespace MedVid.Contracts;

/// <summary>A source video given to a curation run: its original blob and what is known about it.</summary>
public sealed record CurateSource(Guid VideoId, string Blob, string FileName, IReadOnlyDictionary<string, string> Labels);

/// <summary>
/// Payload of <see cref="WorkKinds.Curate"/>: run the curation pipeline with <see cref="ConfigJson"/> over the sources and
/// write a dataset version (clips, manifest.jsonl, statistics.json, config.json) under <see cref="OutputPrefix"/>.
/// </summary>
public sealed record CuratePayload(Guid DatasetId, Guid CurationId, string ConfigJson, IReadOnlyList<CurateSource> Sources, string OutputPrefix);

/// <summary>Result of <see cref="WorkKinds.Curate"/>: where the version was written and what it holds.</summary>
public sealed record CurateResult(string ManifestBlob, string StatisticsBlob, string ConfigBlob, int ClipCount, string Digest, int SourceCount)
{
    /// <summary>Why a run that kept no clip failed.</summary>
    public const string NothingKept = "every clip was dropped by the curation stages; see the statistics for the reasons";
}
