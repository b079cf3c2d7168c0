using static MedVid.Engine.torch;

namespace MedVid.Models.Lora;

/// <summary>
/// A Linear layer (same parameter names and initialisation as Engine's Linear) that can carry a
/// LoRA adapter: y = x Wᵀ + b + (alpha / rank) · (x Aᵀ) Bᵀ. PyTorch's peft swaps a Linear for a
/// wrapper with setattr; modules here call their C#-typed fields, so the projections that may be
/// adapted are of this type instead and the adapter lives in two parameter slots, "lora_A" and
/// "lora_B", that are empty (absent from state_dict) until an adapter is attached.
/// </summary>
public sealed class AdaptableLinear : nn.Module<Tensor, Tensor>
{
    public const string LoraA = "lora_A";
    public const string LoraB = "lora_B";

    public AdaptableLinear(long inFeatures, long outFeatures, bool hasBias = true, Generator? generator = null)
        : base(nameof(AdaptableLinear))
    {
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        weight = FanInUniform([outFeatures, inFeatures], inFeatures, generator);
        bias = hasBias ? FanInUniform([outFeatures], inFeatures, generator) : null;
        register_parameter(nameof(weight), weight);
        register_parameter(nameof(bias), bias);
        register_parameter(LoraA, null);
        register_parameter(LoraB, null);
    }

    public long InFeatures { get; }

    public long OutFeatures { get; }

    public nn.Parameter weight { get; }

    public nn.Parameter? bias { get; }

    /// <summary>[rank, in]; null while no adapter is attached.</summary>
    public nn.Parameter? lora_A { get; private set; }

    /// <summary>[out, rank]; null while no adapter is attached.</summary>
    public nn.Parameter? lora_B { get; private set; }

    /// <summary>alpha / rank, the factor on the low-rank update.</summary>
    public double LoraScale { get; private set; }

    public bool HasAdapter => lora_A is not null;

    /// <summary>
    /// Attaches a trainable adapter: A ~ U(±1/√in) as a Linear's weight, B = 0 so the layer's
    /// output is unchanged until B is trained.
    /// </summary>
    public void AttachLora(int rank, double alpha, Generator? generator = null)
    {
        if (rank <= 0) throw new ArgumentOutOfRangeException(nameof(rank), "LoRA rank must be positive");
        if (HasAdapter) throw new InvalidOperationException("this layer already has a LoRA adapter; merge or detach it first");
        lora_A = FanInUniform([rank, InFeatures], InFeatures, generator, weight.dtype, weight.device);
        using (no_grad()) lora_B = new nn.Parameter(zeros([OutFeatures, rank], weight.dtype, weight.device));
        replace_parameter(LoraA, lora_A);
        replace_parameter(LoraB, lora_B);
        LoraScale = alpha / rank;
    }

    /// <summary>Folds the adapter into the weight (W += scale · B A) and removes it.</summary>
    public void MergeLora()
    {
        if (lora_A is null || lora_B is null) throw new InvalidOperationException("no LoRA adapter to merge");
        using (no_grad())
        using (NewDisposeScope())
            weight.add_(lora_B.matmul(lora_A).mul(LoraScale));
        DetachLora();
    }

    /// <summary>Drops the adapter without touching the base weight.</summary>
    public void DetachLora()
    {
        replace_parameter(LoraA, null)?.Dispose();
        replace_parameter(LoraB, null)?.Dispose();
        lora_A = null;
        lora_B = null;
        LoraScale = 0;
    }

    public override Tensor forward(Tensor input)
    {
        if (lora_A is null || lora_B is null) return nn.functional.linear(input, weight, bias);
        using var scope = NewDisposeScope();
        var low = nn.functional.linear(nn.functional.linear(input, lora_A), lora_B);
        return nn.functional.linear(input, weight, bias).add(low, LoraScale).MoveToOuterDisposeScope();
    }

    private static nn.Parameter FanInUniform(long[] shape, long fanIn, Generator? generator, ScalarType dtype = float32, Device? device = null)
    {
        var bound = 1.0 / Math.Sqrt(fanIn);
        using var noGrad = no_grad();
        var t = empty(shape, dtype, device);
        t.uniform_(-bound, bound, generator);
        return new nn.Parameter(t);
    }
}
