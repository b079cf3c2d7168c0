using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MedVid.Models.I3d;

/// <summary>
/// I3D's basic unit: a 3-D convolution with "same" padding, then batch normalisation (eps 0.001) and ReLU; the logits
/// unit has a bias and neither. Parameter names are "conv3d.weight", "conv3d.bias", "bn.weight", "bn.bias",
/// "bn.running_mean", "bn.running_var", as in the common PyTorch port of the Kinetics-400 I3D.
/// </summary>
public sealed class Unit3d : nn.Module<Tensor, Tensor>
{
    private readonly (long T, long H, long W) _kernel;
    private readonly (long T, long H, long W) _stride;
    private readonly bool _activate;

    public Unit3d(long inputs, long outputs, (long T, long H, long W) kernel, (long T, long H, long W)? stride = null, bool normaliseAndActivate = true)
        : base(nameof(Unit3d))
    {
        (_kernel, _stride, _activate) = (kernel, stride ?? (1, 1, 1), normaliseAndActivate);
        conv3d = nn.Conv3d(inputs, outputs, kernel, stride: _stride, padding: (0, 0, 0), bias: !normaliseAndActivate);
        register_module(nameof(conv3d), conv3d);
        if (normaliseAndActivate)
        {
            bn = nn.BatchNorm3d(outputs, eps: 0.001, momentum: 0.01);
            register_module(nameof(bn), bn);
        }
    }

    public readonly Conv3d conv3d;
    public readonly BatchNorm3d? bn;

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var y = conv3d.forward(SamePadding.Pad(x, _kernel, _stride));
        if (bn is not null) y = nn.functional.relu(bn.forward(y));
        return y.MoveToOuterDisposeScope();
    }
}
