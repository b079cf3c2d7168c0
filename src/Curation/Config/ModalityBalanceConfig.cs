namespace MedVid.Curation.Config;

public enum ModalityBalanceMode
{
    /// <summary>Bora's instruction tuning: the smallest modality is the benchmark; larger ones are
    /// capped at <see cref="ModalityBalanceConfig.MaxRatioToSmallest"/> times its count.</summary>
    Cap,

    /// <summary>Bora's modal alignment: every clip is kept, and smaller modalities get a repeat
    /// factor (recorded as the metric balance.repeat) so each modality contributes about equally.</summary>
    Upsample,
}

public sealed record ModalityBalanceConfig
{
    public bool Enabled { get; init; } = false;
    public ModalityBalanceMode Mode { get; init; } = ModalityBalanceMode.Cap;

    /// <summary>Cap mode: a modality may keep this many times the smallest modality's clip count. Bora: 1.</summary>
    public double MaxRatioToSmallest { get; init; } = 1.0;

    /// <summary>Seed of the deterministic choice of which clips a cap keeps.</summary>
    public string Seed { get; init; } = "medvid-balance";

    internal IEnumerable<string> Validate(string path)
    {
        if (MaxRatioToSmallest < 1) yield return $"{path}.maxRatioToSmallest must be at least 1, was {MaxRatioToSmallest}.";
    }
}
