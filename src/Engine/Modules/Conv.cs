using static MedVid.Engine.torch;

namespace MedVid.Engine.Modules;

/// <summary>Convolution over 1, 2 or 3 spatial dimensions (Conv1d/Conv2d/Conv3d share this).</summary>
public class ConvNd : nn.Module<Tensor, Tensor>
{
    private readonly long[] stride;
    private readonly long[] padding;
    private readonly long[] dilation;
    private readonly long groups;

    protected ConvNd(string name, long inChannels, long outChannels, long[] kernelSize, long[] stride, long[] padding,
        long[] dilation, long groups, bool hasBias, Device? device, ScalarType dtype, Generator? generator)
        : base(name)
    {
        if (inChannels % groups != 0 || outChannels % groups != 0)
            throw new ArgumentException("channels must be divisible by groups");
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
        this.groups = groups;
        var fanIn = inChannels / groups * kernelSize.Aggregate(1L, (a, b) => a * b);
        weight = Init.FanInUniform([outChannels, inChannels / groups, .. kernelSize], fanIn, dtype, device, generator);
        register_parameter(nameof(weight), weight);
        bias = hasBias ? Init.FanInUniform([outChannels], fanIn, dtype, device, generator) : null;
        register_parameter(nameof(bias), bias);
    }

    public nn.Parameter weight { get; }

    public nn.Parameter? bias { get; }

    public override Tensor forward(Tensor input) => stride.Length switch
    {
        1 => nn.functional.conv1d(input, weight, bias, stride[0], padding[0], dilation[0], groups),
        2 => nn.functional.conv2d(input, weight, bias, stride, padding, dilation, groups),
        _ => nn.functional.conv3d(input, weight, bias, stride, padding, dilation, groups),
    };

    protected static long[] Repeat(long value, int rank) => Enumerable.Repeat(value, rank).ToArray();
}

public sealed class Conv1d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0,
    long dilation = 1, long groups = 1, bool hasBias = true, Device? device = null, ScalarType dtype = float32, Generator? generator = null)
    : ConvNd(nameof(Conv1d), inChannels, outChannels, [kernelSize], [stride], [padding], [dilation], groups, hasBias, device, dtype, generator);

public sealed class Conv2d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0,
    long dilation = 1, long groups = 1, bool hasBias = true, Device? device = null, ScalarType dtype = float32, Generator? generator = null)
    : ConvNd(nameof(Conv2d), inChannels, outChannels, Repeat(kernelSize, 2), Repeat(stride, 2), Repeat(padding, 2), Repeat(dilation, 2),
        groups, hasBias, device, dtype, generator);

public sealed class Conv3d : ConvNd
{
    public Conv3d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0,
        long dilation = 1, long groups = 1, bool hasBias = true, Device? device = null, ScalarType dtype = float32, Generator? generator = null)
        : this(inChannels, outChannels, Repeat(kernelSize, 3), Repeat(stride, 3), Repeat(padding, 3), Repeat(dilation, 3), groups, hasBias, device, dtype, generator)
    {
    }

    /// <summary>Per-dimension (depth/time, height, width) kernel, stride, padding and dilation.</summary>
    public Conv3d(long inChannels, long outChannels, long[] kernelSize, long[] stride, long[] padding, long[]? dilation = null,
        long groups = 1, bool hasBias = true, Device? device = null, ScalarType dtype = float32, Generator? generator = null)
        : base(nameof(Conv3d), inChannels, outChannels, kernelSize, stride, padding, dilation ?? [1, 1, 1], groups, hasBias, device, dtype, generator)
    {
    }
}
