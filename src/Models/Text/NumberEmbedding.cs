using MedVid.Models.Layers;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MedVid.Models.Text;

/// <summary>
/// Adds the value of each number in a caption to its digit tokens, after xVal (Golkar et al., 2023, which scales a number
/// token's embedding by its value): here Fourier features of log10(1 + value) through a learned linear map. Digits alone
/// give a count of 6 no meaning when training captions only ever counted 5 or 7 cells; the value puts 6 between them.
/// The map starts at zero, so a fresh encoder is the same with or without it and learns it from the first step.
/// </summary>
public sealed class NumberEmbedding : nn.Module
{
    /// <summary>
    /// Frequencies π·2^k, k &lt; Octaves: the finest period in log10 is 2^(1-Octaves), a factor of 3.2. Few and coarse on
    /// purpose: the map between two values seen in training stays smooth, so an unseen value is read between them
    /// (five octaves let a count of 3 read as 7 in NumberValueTests); log10(1 + v) itself tells near values apart.
    /// </summary>
    public const int Octaves = 3;

    /// <summary>Values above this are read as this (they only need to stay finite and ordered).</summary>
    private const double Largest = 1e6;

    /// <remarks>Takes no generator: its weights start at zero, so building it leaves a seeded model's other weights as they were.</remarks>
    public NumberEmbedding(int dim) : base(nameof(NumberEmbedding))
    {
        projection = nn.Linear(FeatureCount, dim);
        ModelInit.Zeros(projection.weight);
        ModelInit.Zeros(projection.bias);
        register_module(nameof(projection), projection);
    }

    /// <summary>log10(1 + v), then its sine and cosine at each octave.</summary>
    public static int FeatureCount => 1 + 2 * Octaves;

    public readonly Linear projection;

    /// <param name="values">[B, L] float, the number each token belongs to, NaN at other tokens (<see cref="CaptionTokenizer.NumberValues"/>).</param>
    /// <returns>[B, L, dim], zero at tokens that are not part of a number.</returns>
    public Tensor forward(Tensor values)
    {
        using var scope = NewDisposeScope();
        var isNumber = values.isnan().logical_not().unsqueeze(-1).to(values.dtype);
        var scale = values.nan_to_num(0).clamp(0, Largest).add(1).log10().unsqueeze(-1);
        var frequencies = arange(Octaves, dtype: values.dtype, device: values.device).exp2().mul(Math.PI);
        var angles = scale * frequencies;
        var features = cat([scale, angles.sin(), angles.cos()], -1);
        return (projection.forward(features) * isNumber).MoveToOuterDisposeScope();
    }
}
