using TorchSharp.Utils;
using static TorchSharp.torch;

namespace MedVid.Models.Lora;

/// <summary>
/// A Linear layer (same parameter names and initialisation as nn.Linear) that can carry a
/// LoRA adapter: y = x Wᵀ + b + (alpha / rank) · (x Aᵀ) Bᵀ. PyTorch's peft swaps a Linear for a
/// wrapper with setattr; modules here call their C#-typed fields, so the projections that may be
/// adapted are of this type instead and the adapter lives in two parameters, "lora_A" and
/// "lora_B", that exist (and appear in state_dict) only while an adapter is attached.
/// </summary>
public sealed class AdaptableLinear : nn.Module<Tensor, Tensor>
{
    public const string LoraA = "lora_A";
    public const string LoraB = "lora_B";

    public readonly Parameter weight;

    public readonly Parameter? bias;

    // TorchSharp's register_parameter refuses null and a second registration under one name, so
    // the adapter slots are registered and removed with ConditionallyRegisterParameter (what
    // TorchSharp's own Linear does for its bias). The component names tie the backing fields to
    // those slots, so RegisterComponents and Module.to find them under "lora_A"/"lora_B".
    [ComponentName(Name = LoraA)] private Parameter? loraA;
    [ComponentName(Name = LoraB)] private Parameter? loraB;

    public AdaptableLinear(long inFeatures, long outFeatures, bool hasBias = true, Generator? generator = null)
        : base(nameof(AdaptableLinear))
    {
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        weight = OwnedParameter.FanInUniform([outFeatures, inFeatures], inFeatures, generator);
        bias = hasBias ? OwnedParameter.FanInUniform([outFeatures], inFeatures, generator) : null;
        RegisterComponents();
    }

    public long InFeatures { get; }

    public long OutFeatures { get; }

    /// <summary>[rank, in]; null while no adapter is attached.</summary>
    public Parameter? lora_A
    {
        get => loraA;
        private set => loraA = Replace(LoraA, loraA, value);
    }

    /// <summary>[out, rank]; null while no adapter is attached.</summary>
    public Parameter? lora_B
    {
        get => loraB;
        private set => loraB = Replace(LoraB, loraB, value);
    }

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
        lora_A = OwnedParameter.FanInUniform([rank, InFeatures], InFeatures, generator, weight.dtype, weight.device);
        lora_B = OwnedParameter.From(zeros([OutFeatures, rank], weight.dtype, weight.device));
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

    /// <summary>Puts <paramref name="next"/> (or nothing) into the named slot, disposing what it replaces.</summary>
    private Parameter? Replace(string name, Parameter? current, Parameter? next)
    {
        if (current is not null && !ReferenceEquals(current, next)) current.Dispose();
        ConditionallyRegisterParameter(name, next);
        return next;
    }
}
