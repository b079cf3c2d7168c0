using MedVid.Engine.Serialization;
using MedVid.Models.I3d;
using static TorchSharp.torch;

namespace MedVid.Models.Tests;

/// <summary>The I3D network a site loads its weights into: names and shapes of the common PyTorch port, loading, refusals.</summary>
public sealed class I3dTests
{
    private static Dictionary<string, Tensor> Weights(InceptionI3d network) =>
        network.state_dict().Where(p => !p.Key.EndsWith("num_batches_tracked", StringComparison.Ordinal)).ToDictionary(p => p.Key, p => p.Value);

    [Fact]
    public void Its_weights_have_the_names_and_shapes_of_the_kinetics_i3d()
    {
        using var network = new InceptionI3d();
        var weights = Weights(network);
        Assert.Equal([64L, 3, 7, 7, 7], weights["Conv3d_1a_7x7.conv3d.weight"].shape);
        Assert.Equal([64L], weights["Conv3d_1a_7x7.bn.running_mean"].shape);
        Assert.Equal([208L, 96, 3, 3, 3], weights["Mixed_4b.b1b.conv3d.weight"].shape);
        Assert.Equal([128L], weights["Mixed_5c.b3b.bn.running_var"].shape);
        Assert.Equal([400L, 1024, 1, 1, 1], weights["logits.conv3d.weight"].shape);
        Assert.Equal([400L], weights["logits.conv3d.bias"].shape);
        Assert.DoesNotContain(weights.Keys, k => k.StartsWith("Mixed_3b.b3a", StringComparison.Ordinal)); // the pool branch has no weights
        // 3 stem units + 9 inception blocks of 6 units, 5 tensors each with batch norm, and the logits' 2.
        Assert.Equal(((3 + 9 * 6) * 5) + 2, weights.Count);
    }

    [Fact]
    public void Weights_saved_from_one_network_load_into_another_and_give_the_same_logits()
    {
        var folder = Directory.CreateTempSubdirectory("medvid-i3d-").FullName;
        try
        {
            manual_seed(3);
            using var source = new InceptionI3d();
            using (no_grad())
                foreach (var (name, tensor) in Weights(source).Where(w => w.Key.EndsWith("running_var", StringComparison.Ordinal)))
                    tensor.uniform_(0.5, 1.5); // batch-norm statistics that differ from the defaults
            var path = Path.Combine(folder, "i3d.safetensors");
            SafeTensors.Save(path, Weights(source));

            using var loaded = new InceptionI3d();
            loaded.LoadWeights(path);
            source.eval();
            loaded.eval();
            using var video = rand([1, 3, InceptionI3d.MinFrames, InceptionI3d.Side, InceptionI3d.Side]) * 2 - 1;
            using var expected = source.forward(video);
            using var actual = loaded.forward(video);
            Assert.Equal([1L, 400], actual.shape);
            Assert.True(expected.allclose(actual, rtol: 0, atol: 0), "the loaded network computes other logits");

            var partial = Weights(source).Where(w => w.Key != "Mixed_4c.b2b.bn.weight").ToDictionary();
            SafeTensors.Save(path, partial);
            Assert.Equal("i3d.safetensors has no tensor 'Mixed_4c.b2b.bn.weight'; I3D weights need the names of docs/evaluation.md.",
                Assert.Throws<InvalidDataException>(() => loaded.LoadWeights(path)).Message);
            var wrong = Weights(source);
            wrong["logits.conv3d.bias"] = zeros(600);
            SafeTensors.Save(path, wrong);
            Assert.Equal("i3d.safetensors: 'logits.conv3d.bias' is [600], I3D needs [400].", Assert.Throws<InvalidDataException>(() => loaded.LoadWeights(path)).Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_clip_of_the_wrong_size_is_refused_with_the_size_it_needs()
    {
        using var network = new InceptionI3d();
        using var small = zeros([1, 3, 16, 64, 64]);
        Assert.Equal("I3D takes [B, 3, T >= 9, 224, 224]; got [1, 3, 16, 64, 64].", Assert.Throws<ArgumentException>(() => network.forward(small)).Message);
    }
}
