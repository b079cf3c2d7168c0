using MedVid.Engine.Serialization;
using static TorchSharp.torch;

namespace MedVid.Models.I3d;

/// <summary>
/// The two-stream I3D's RGB network (Carreira and Zisserman, CVPR 2017: Inception-v1 inflated to 3-D, trained on
/// Kinetics-400), the feature extractor of FVD (Unterthiner et al. 2018). MedVid cannot download its weights; a site
/// that has them supplies a safetensors file whose names follow the widespread PyTorch port ("Conv3d_1a_7x7.conv3d.weight",
/// "Mixed_3b.b1b.bn.running_mean", …, "logits.conv3d.bias"; docs/evaluation.md). Input [B, 3, T, 224, 224] in [-1, 1],
/// T ≥ 9; <see cref="forward"/> returns the class logits averaged over time, [B, classes], the space FVD measures in.
/// </summary>
public sealed class InceptionI3d : nn.Module<Tensor, Tensor>
{
    public const int Side = 224;
    public const int MinFrames = 9;

    public InceptionI3d(long classes = 400) : base(nameof(InceptionI3d))
    {
        Classes = classes;
        Conv3d_1a_7x7 = new Unit3d(3, 64, (7, 7, 7), (2, 2, 2));
        Conv3d_2b_1x1 = new Unit3d(64, 64, (1, 1, 1));
        Conv3d_2c_3x3 = new Unit3d(64, 192, (3, 3, 3));
        Mixed_3b = new InceptionBlock(192, 64, 96, 128, 16, 32, 32);
        Mixed_3c = new InceptionBlock(Mixed_3b.Outputs, 128, 128, 192, 32, 96, 64);
        Mixed_4b = new InceptionBlock(Mixed_3c.Outputs, 192, 96, 208, 16, 48, 64);
        Mixed_4c = new InceptionBlock(Mixed_4b.Outputs, 160, 112, 224, 24, 64, 64);
        Mixed_4d = new InceptionBlock(Mixed_4c.Outputs, 128, 128, 256, 24, 64, 64);
        Mixed_4e = new InceptionBlock(Mixed_4d.Outputs, 112, 144, 288, 32, 64, 64);
        Mixed_4f = new InceptionBlock(Mixed_4e.Outputs, 256, 160, 320, 32, 128, 128);
        Mixed_5b = new InceptionBlock(Mixed_4f.Outputs, 256, 160, 320, 32, 128, 128);
        Mixed_5c = new InceptionBlock(Mixed_5b.Outputs, 384, 192, 384, 48, 128, 128);
        logits = new Unit3d(Mixed_5c.Outputs, classes, (1, 1, 1), normaliseAndActivate: false);
        RegisterComponents();
    }

    public long Classes { get; }

#pragma warning disable IDE1006 // the names are the state-dict names of the weights sites have
    public readonly Unit3d Conv3d_1a_7x7;
    public readonly Unit3d Conv3d_2b_1x1;
    public readonly Unit3d Conv3d_2c_3x3;
    public readonly InceptionBlock Mixed_3b;
    public readonly InceptionBlock Mixed_3c;
    public readonly InceptionBlock Mixed_4b;
    public readonly InceptionBlock Mixed_4c;
    public readonly InceptionBlock Mixed_4d;
    public readonly InceptionBlock Mixed_4e;
    public readonly InceptionBlock Mixed_4f;
    public readonly InceptionBlock Mixed_5b;
    public readonly InceptionBlock Mixed_5c;
    public readonly Unit3d logits;
#pragma warning restore IDE1006

    public override Tensor forward(Tensor video)
    {
        if (video.dim() != 5 || video.shape[1] != 3 || video.shape[2] < MinFrames || video.shape[3] != Side || video.shape[4] != Side)
            throw new ArgumentException($"I3D takes [B, 3, T >= {MinFrames}, {Side}, {Side}]; got [{string.Join(", ", video.shape)}].");
        using var scope = NewDisposeScope();
        var x = Conv3d_1a_7x7.forward(video);
        x = MaxPool(x, (1, 3, 3), (1, 2, 2));
        x = Conv3d_2c_3x3.forward(Conv3d_2b_1x1.forward(x));
        x = MaxPool(x, (1, 3, 3), (1, 2, 2));
        x = Mixed_3c.forward(Mixed_3b.forward(x));
        x = MaxPool(x, (3, 3, 3), (2, 2, 2));
        x = Mixed_4f.forward(Mixed_4e.forward(Mixed_4d.forward(Mixed_4c.forward(Mixed_4b.forward(x)))));
        x = MaxPool(x, (2, 2, 2), (2, 2, 2));
        x = Mixed_5c.forward(Mixed_5b.forward(x));
        x = nn.functional.avg_pool3d(x, [2, 7, 7], [1, 1, 1]); // [B, 1024, T', 1, 1]
        return logits.forward(x).mean([2, 3, 4]).MoveToOuterDisposeScope(); // [B, classes]
    }

    /// <summary>
    /// Loads weights from a safetensors file; every parameter and batch-norm statistic must be there with its shape, and
    /// the message names the first that is not (a file of another network is refused, not half loaded).
    /// </summary>
    public void LoadWeights(string path)
    {
        using var file = new SafeTensorsFile(path);
        var expected = state_dict().Where(p => !p.Key.EndsWith("num_batches_tracked", StringComparison.Ordinal)).ToList();
        foreach (var (name, tensor) in expected)
        {
            var info = file.Tensors.FirstOrDefault(t => t.Name == name)
                ?? throw new InvalidDataException($"{Path.GetFileName(path)} has no tensor '{name}'; I3D weights need the names of docs/evaluation.md.");
            if (!info.Shape.SequenceEqual(tensor.shape))
                throw new InvalidDataException($"{Path.GetFileName(path)}: '{name}' is [{string.Join(", ", info.Shape)}], I3D needs [{string.Join(", ", tensor.shape)}].");
        }
        using var noGrad = no_grad();
        foreach (var (name, tensor) in expected)
        {
            using var value = file.Read(name);
            tensor.copy_(value.to(tensor.dtype));
        }
    }

    private static Tensor MaxPool(Tensor x, (long T, long H, long W) kernel, (long T, long H, long W) stride) =>
        nn.functional.max_pool3d(SamePadding.Pad(x, kernel, stride), [kernel.T, kernel.H, kernel.W], [stride.T, stride.H, stride.W]);
}
