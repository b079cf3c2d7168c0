using System.Security.Cryptography;
using MedVid.Compute.Evaluation;
using MedVid.Engine.Serialization;
using MedVid.Evaluation.Frames;
using MedVid.Evaluation.Reports;
using MedVid.Models.I3d;
using static TorchSharp.torch;

namespace MedVid.Compute.UnitTests.Evaluation;

/// <summary>A site's I3D weights behind the evaluation's encoder interface (weights here are random: no real ones can be downloaded).</summary>
public sealed class I3dEncoderTests() : TempFolderTest("medvid-i3d-encoder-")
{
    private string RandomWeights()
    {
        manual_seed(7);
        using var network = new InceptionI3d();
        var path = Path.Combine(Root, "i3d.safetensors");
        SafeTensors.Save(path, network.state_dict().Where(p => !p.Key.EndsWith("num_batches_tracked", StringComparison.Ordinal)).ToDictionary());
        return path;
    }

    private static FrameSequence Video(int frames, int seed)
    {
        var random = new Random(seed);
        var rgb = Enumerable.Range(0, frames).Select(_ => Enumerable.Range(0, 32 * 32 * 3).Select(_ => (float)random.Next(256)).ToArray()).ToList();
        return FrameSequence.FromRgb(32, 32, 8, rgb);
    }

    [Fact]
    public void Any_clip_becomes_400_logits_named_by_the_weights_hash_and_the_same_clip_gives_the_same_logits()
    {
        var path = RandomWeights();
        using var encoder = new I3dEncoder(path);
        using (var stream = File.OpenRead(path))
            Assert.Equal($"i3d-kinetics400-logits@sha256:{Convert.ToHexStringLower(SHA256.HashData(stream))[..12]}", encoder.Name);
        var shortClip = Video(frames: 4, seed: 1); // fewer frames than I3D needs: frames are repeated to 16
        var features = encoder.Encode(shortClip);
        Assert.Equal(400, features.Length);
        Assert.All(features, v => Assert.True(double.IsFinite(v)));
        Assert.Equal(features, encoder.Encode(shortClip));
        Assert.NotEqual(features, encoder.Encode(Video(frames: 20, seed: 2)));
    }

    [Fact]
    public void An_evaluation_given_the_encoder_reports_a_distance_in_its_space()
    {
        using var encoder = new I3dEncoder(RandomWeights());
        VideoSample[] videos = [new("a", Video(8, 1)), new("b", Video(8, 2))];
        VideoSample[] reference = [new("c", Video(8, 3)), new("d", Video(8, 4))];
        var report = VideoSetEvaluation.Evaluate(videos, reference, reference, i3d: encoder);
        Assert.Equal(encoder.Name, report.I3dEncoder);
        Assert.True(report.I3dFrechetDistance > 0);
        Assert.Null(VideoSetEvaluation.Evaluate(videos, reference, reference).I3dFrechetDistance);
    }

    [Fact]
    public void A_host_configured_with_a_missing_weights_file_refuses_to_start()
    {
        var missing = Path.Combine(Root, "none.safetensors");
        Assert.Equal($"ComputeHost:I3dWeights '{missing}' does not exist; give the path of the site's I3D safetensors file, or leave it unset.",
            Assert.Throws<InvalidOperationException>(() => new ComputeHostOptions { I3dWeights = missing }.Validate()).Message);
    }
}
