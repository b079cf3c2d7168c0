using static MedVid.Engine.torch;
using F = MedVid.Engine.torch.nn.functional;

namespace MedVid.Engine.Tests;

public class FunctionalTests
{
    [Fact]
    public void Softmax_and_log_softmax()
    {
        using var scope = NewDisposeScope();
        var x = tensor([0f, MathF.Log(3)]);
        Expect.Values([0.25f, 0.75f], x.softmax(0));
        Expect.Values([MathF.Log(0.25f), MathF.Log(0.75f)], x.log_softmax(0));
    }

    [Fact]
    public void Layer_norm_and_group_norm_normalise_as_defined()
    {
        using var scope = NewDisposeScope();
        // mean 2, biased variance 2/3 -> (x - 2) / sqrt(2/3 + eps)
        var x = tensor([1f, 2f, 3f]);
        var s = 1 / MathF.Sqrt(2f / 3 + 1e-5f);
        Expect.Values([-s, 0, s], F.layer_norm(x, [3]), 1e-4);
        Expect.Values([-2 * s + 1, 1, 2 * s + 1], F.layer_norm(x, [3], full([3], 2), ones([3])), 1e-4);
        // Two groups of two channels over (1, 4, 1): each group normalised separately.
        var g = tensor([1f, 3f, 10f, 20f], [1, 4, 1]);
        Expect.Values([-1, 1, -1, 1], F.group_norm(g, 2, eps: 0), 1e-5);
    }

    [Fact]
    public void Conv2d_matches_a_hand_computed_correlation()
    {
        using var scope = NewDisposeScope();
        var x = arange(9, float32).reshape(1, 1, 3, 3);
        var w = tensor([1f, 0f, 0f, -1f], [1, 1, 2, 2]);
        // out[i,j] = x[i,j] - x[i+1,j+1] = -4 everywhere.
        Expect.Values([-4, -4, -4, -4], F.conv2d(x, w));
        Expect.Values([-3, -3, -3, -3], F.conv2d(x, w, tensor([1f])));
        Expect.Shape([1, 1, 2, 2], F.conv2d(x, w, padding: [1, 1], stride: [2, 2]));
        var w3 = ones([2, 1, 1, 1, 1]);
        Expect.Shape([1, 2, 2, 3, 3], F.conv3d(ones([1, 1, 2, 3, 3]), w3));
        Expect.Values([1, 3, 5, 3], F.conv1d(tensor([1f, 2f, 3f], [1, 1, 3]), ones([1, 1, 2]), padding: 1));
    }

    [Fact]
    public void Transposed_convolutions_scatter_each_input()
    {
        using var scope = NewDisposeScope();
        // Each input value stamps the 2x2 kernel at stride 2: a 2x2 input becomes 4x4 blocks.
        var x = tensor([1f, 2f, 3f, 4f], [1, 1, 2, 2]);
        var y = F.conv_transpose2d(x, ones([1, 1, 2, 2]), stride: [2, 2]);
        Expect.Values([1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4], y);
        Expect.Values([1, 3, 2], F.conv_transpose1d(tensor([1f, 2f], [1, 1, 2]), ones([1, 1, 2])));
        Expect.Shape([1, 1, 4, 4, 4], F.conv_transpose3d(ones([1, 1, 2, 2, 2]), ones([1, 1, 2, 2, 2]), stride: [2, 2, 2]));
    }

    [Fact]
    public void Interpolate_and_pad()
    {
        using var scope = NewDisposeScope();
        var x = tensor([1f, 2f, 3f, 4f], [1, 1, 2, 2]);
        Expect.Values([1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4], F.interpolate(x, 2.0));
        Expect.Values([1, 1.5f, 2, 2, 2.5f, 3, 3, 3.5f, 4], F.interpolate(x, [3, 3], InterpolationMode.Linear, alignCorners: true));
        Expect.Shape([1, 1, 4, 4, 4], F.interpolate(ones([1, 1, 2, 2, 2]), 2.0, InterpolationMode.Linear));
        var row = tensor([1f, 2f, 3f], [1, 1, 3]);
        Expect.Values([0, 1, 2, 3, 0, 0], F.pad(row, [1, 2]));
        Expect.Values([2, 1, 2, 3, 2], F.pad(row, [1, 1], PaddingMode.Reflect));
        Expect.Values([1, 1, 2, 3, 3], F.pad(row, [1, 1], PaddingMode.Replicate));
    }

    [Fact]
    public void Embedding_dropout_and_losses()
    {
        using var scope = NewDisposeScope();
        var table = tensor([0f, 1f, 10f, 11f, 20f, 21f], [3, 2]);
        Expect.Values([20, 21, 0, 1], F.embedding(tensor([2L, 0L]), table));
        var x = ones([1000]);
        Expect.Values(Enumerable.Repeat(1f, 1000).ToArray(), F.dropout(x, 0.5, training: false));
        using var g = new Generator(1);
        var dropped = F.dropout(x, 0.25, training: true, generator: g).ToArray<float>();
        Assert.All(dropped, v => Assert.True(v == 0 || Math.Abs(v - 4f / 3) < 1e-6));
        Assert.InRange(dropped.Count(v => v == 0), 180, 320);
        Assert.Equal(2.5f, F.mse_loss(tensor([1f, 2f]), tensor([2f, 4f])).item<float>());
        // Uniform logits over 4 classes: loss = log 4.
        Assert.Equal(MathF.Log(4), F.cross_entropy(zeros([2, 4]), tensor([1L, 3L])).item<float>(), 5);
    }

    [Fact]
    public void Attention_equals_softmax_of_scaled_scores_with_mask()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(5);
        var q = randn([2, 3, 5, 8], generator: g);
        var k = randn([2, 3, 5, 8], generator: g);
        var v = randn([2, 3, 5, 8], generator: g);
        var mask = ones([5, 5], @bool).tril();
        var scores = q.matmul(k.mT) / Math.Sqrt(8);
        var reference = scores.masked_fill(mask.logical_not(), double.NegativeInfinity).softmax(-1).matmul(v);
        Assert.True(F.scaled_dot_product_attention(q, k, v, mask).allclose(reference, 1e-4, 1e-5));
        Assert.True(F.scaled_dot_product_attention(q, k, v, isCausal: true).allclose(reference, 1e-4, 1e-5));
        var plain = scores.softmax(-1).matmul(v);
        Assert.True(F.scaled_dot_product_attention(q, k, v).allclose(plain, 1e-4, 1e-5));
    }
}
