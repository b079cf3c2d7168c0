using System.Security.Cryptography;
using MedVid.Evaluation.Features;
using MedVid.Evaluation.Frames;
using MedVid.Models.I3d;
using static TorchSharp.torch;

namespace MedVid.Compute.Evaluation;

/// <summary>
/// Videos in the logit space of the Kinetics-400 I3D a site supplied (<see cref="InceptionI3d"/>), as FVD measures
/// them: 16 frames sampled evenly over the clip (repeated for shorter clips), resized bilinearly to 224×224, scaled to
/// [-1, 1], logits averaged over time. The name carries the weights' SHA-256, so distances from different weight files
/// are never mixed up.
/// </summary>
public sealed class I3dEncoder : IVideoFeatureEncoder, IDisposable
{
    public const int Frames = 16;
    private readonly InceptionI3d _network;

    public I3dEncoder(string weightsPath)
    {
        _network = new InceptionI3d();
        _network.LoadWeights(weightsPath);
        _network.eval();
        using var stream = File.OpenRead(weightsPath);
        Name = $"i3d-kinetics400-logits@sha256:{Convert.ToHexStringLower(SHA256.HashData(stream))[..12]}";
    }

    public string Name { get; }

    public int Dimension => (int)_network.Classes;

    public double[] Encode(FrameSequence video)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var indices = Enumerable.Range(0, Frames).Select(k => (int)Math.Round(k * (video.Count - 1) / (double)(Frames - 1))).ToList();
        var pixels = new float[Frames * video.Height * video.Width * 3];
        for (var k = 0; k < Frames; k++) Array.Copy(video.Rgb(indices[k]), 0, pixels, k * video.Height * video.Width * 3, video.Height * video.Width * 3);
        var clip = tensor(pixels, [Frames, video.Height, video.Width, 3]).permute(3, 0, 1, 2); // [3, T, H, W] on 0..255
        var resized = nn.functional.interpolate(clip.transpose(0, 1), [InceptionI3d.Side, InceptionI3d.Side], mode: InterpolationMode.Bilinear, align_corners: false)
            .transpose(0, 1).unsqueeze(0); // [1, 3, T, 224, 224]
        var logits = _network.forward(resized / 127.5 - 1);
        return logits[0].to(ScalarType.Float64).data<double>().ToArray();
    }

    public void Dispose() => _network.Dispose();
}
