namespace MedVid.Models.Lora;

/// <summary>
/// Which layers get LoRA adapters and how large. Defaults follow MedGen (rank 32, alpha 32) and
/// target every attention projection of the DiT (spatial, temporal and cross-attention).
/// </summary>
public sealed record LoraConfig(int Rank = 32, double Alpha = 32, IReadOnlyList<string>? TargetPatterns = null)
{
    public static readonly IReadOnlyList<string> DitAttentionProjections =
    [
        "blocks.*.attn.qkv", "blocks.*.attn.proj",
        "blocks.*.attn_temp.qkv", "blocks.*.attn_temp.proj",
        "blocks.*.cross_attn.q", "blocks.*.cross_attn.kv", "blocks.*.cross_attn.proj",
    ];

    public IReadOnlyList<string> Targets => TargetPatterns ?? DitAttentionProjections;
}
