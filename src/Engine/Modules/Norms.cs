using static MedVid.Engine.torch;

namespace MedVid.Engine.Modules;

/// <summary>Normalises over the trailing <c>normalizedShape</c> dimensions, with an optional affine map.</summary>
public sealed class LayerNorm : nn.Module<Tensor, Tensor>
{
    private readonly long[] normalizedShape;
    private readonly double eps;

    public LayerNorm(long[] normalizedShape, double eps = 1e-5, bool elementwiseAffine = true, Device? device = null, ScalarType dtype = float32)
        : base(nameof(LayerNorm))
    {
        this.normalizedShape = normalizedShape;
        this.eps = eps;
        weight = elementwiseAffine ? Init.Constant(normalizedShape, 1, dtype, device) : null;
        bias = elementwiseAffine ? Init.Constant(normalizedShape, 0, dtype, device) : null;
        register_parameter(nameof(weight), weight);
        register_parameter(nameof(bias), bias);
    }

    public LayerNorm(long normalizedSize, double eps = 1e-5, bool elementwiseAffine = true, Device? device = null, ScalarType dtype = float32)
        : this([normalizedSize], eps, elementwiseAffine, device, dtype)
    {
    }

    public nn.Parameter? weight { get; }

    public nn.Parameter? bias { get; }

    public override Tensor forward(Tensor input) => nn.functional.layer_norm(input, normalizedShape, weight, bias, eps);
}

/// <summary>Normalises channel groups of (N, C, ...) inputs.</summary>
public sealed class GroupNorm : nn.Module<Tensor, Tensor>
{
    private readonly long groups;
    private readonly double eps;

    public GroupNorm(long numGroups, long numChannels, double eps = 1e-5, bool affine = true, Device? device = null, ScalarType dtype = float32)
        : base(nameof(GroupNorm))
    {
        if (numChannels % numGroups != 0) throw new ArgumentException("channels must be divisible by groups");
        groups = numGroups;
        this.eps = eps;
        weight = affine ? Init.Constant([numChannels], 1, dtype, device) : null;
        bias = affine ? Init.Constant([numChannels], 0, dtype, device) : null;
        register_parameter(nameof(weight), weight);
        register_parameter(nameof(bias), bias);
    }

    public nn.Parameter? weight { get; }

    public nn.Parameter? bias { get; }

    public override Tensor forward(Tensor input) => nn.functional.group_norm(input, groups, weight, bias, eps);
}
