using static MedVid.Engine.torch;

namespace MedVid.Engine.Tests;

public class MathOpsTests
{
    [Fact]
    public void Elementwise_arithmetic_and_broadcasting()
    {
        using var scope = NewDisposeScope();
        var a = tensor([1f, 2f, 3f, 4f], [2, 2]);
        var b = tensor([10f, 20f], [1, 2]);
        Expect.Values([11, 22, 13, 24], a + b);
        Expect.Values([-9, -18, -7, -16], a - b);
        Expect.Values([10, 40, 30, 80], a * b);
        Expect.Values([0.5f, 1, 1.5f, 2], a / 2);
        Expect.Values([1, 0, -1, -2], 2 - a);
        Expect.Values([2, 1, 2f / 3, 0.5f], 2 / a);
        Expect.Values([1, 4, 9, 16], a.pow(2));
        Expect.Values([21, 42, 23, 44], a.add(b, 2));
        Expect.Values([2, 2, 3, 3], a.clamp(2, 3));
    }

    [Fact]
    public void Unary_functions_and_activations_match_their_formulas()
    {
        using var scope = NewDisposeScope();
        var x = tensor([-1f, 0f, 2f]);
        Expect.Values([MathF.Exp(-1), 1, MathF.Exp(2)], x.exp());
        Expect.Values([0, 0, 2], x.relu());
        Expect.Values([MathF.Tanh(-1), 0, MathF.Tanh(2)], x.tanh());
        Expect.Values([1 / (1 + MathF.E), 0.5f, 1 / (1 + MathF.Exp(-2))], x.sigmoid());
        Expect.Values([-1 / (1 + MathF.E), 0, 2 / (1 + MathF.Exp(-2))], nn.functional.silu(x));
        // gelu(x) = x Φ(x); Φ(-1) = 0.158655, Φ(2) = 0.977250
        Expect.Values([-0.158655f, 0, 1.954500f], nn.functional.gelu(x), 1e-5);
        Expect.Values([-0.158808f, 0, 1.954598f], nn.functional.gelu(x, tanhApproximation: true), 1e-5);
        Expect.Values([1, 0, 2], x.abs());
        Expect.Values([1, 2], tensor([1f, 4f]).sqrt());
    }

    [Fact]
    public void Comparisons_produce_bool_tensors()
    {
        using var scope = NewDisposeScope();
        var x = tensor([1f, 2f, 3f]);
        var y = tensor([3f, 2f, 1f]);
        Assert.Equal(new[] { true, false, false }, x.lt(y).ToArray<bool>());
        Assert.Equal(new[] { false, true, false }, x.eq(y).ToArray<bool>());
        Assert.Equal(new[] { false, true, true }, x.ge(2).ToArray<bool>());
        Assert.Equal(ScalarType.Bool, x.gt(y).dtype);
        Expect.Values([3, 2, 3], where(x.gt(y), x, y));
        Expect.Values([3, 2, 3], x.maximum(y));
    }

    [Fact]
    public void Reductions_over_all_and_single_dimensions()
    {
        using var scope = NewDisposeScope();
        var x = tensor([1f, 2f, 3f, 4f, 5f, 6f], [2, 3]);
        Assert.Equal(21f, x.sum().item<float>());
        Assert.Equal(3.5f, x.mean().item<float>());
        Expect.Values([5, 7, 9], x.sum(0));
        Expect.Values([2, 5], x.mean(1));
        Expect.Shape([2, 1], x.mean(1, keepdim: true));
        Expect.Values([3, 6], x.amax(1));
        Assert.Equal(1f, x.min().item<float>());
        Assert.Equal(5L, x.argmax().item<long>());
        Assert.Equal(new long[] { 2, 2 }, x.argmax(1).ToArray<long>());
        Expect.Values([1, 1], x.var(1));
        Assert.Equal(MathF.Sqrt(91), x.norm().item<float>(), 4);
        Assert.Equal(720f, x.prod().item<float>());
    }

    [Fact]
    public void Matmul_and_bmm_match_hand_products()
    {
        using var scope = NewDisposeScope();
        var a = tensor([1f, 2f, 3f, 4f, 5f, 6f], [2, 3]);
        var b = tensor([7f, 8f, 9f, 10f, 11f, 12f], [3, 2]);
        // [1 2 3; 4 5 6] x [7 8; 9 10; 11 12] = [58 64; 139 154]
        Expect.Values([58, 64, 139, 154], a.matmul(b));
        Expect.Values([58, 64, 139, 154, 58, 64, 139, 154], bmm(stack([a, a]), stack([b, b])));
        Expect.Values([50, 122], a.matmul(tensor([7f, 8f, 9f])));
    }

    [Fact]
    public void In_place_updates_modify_the_tensor()
    {
        using var scope = NewDisposeScope();
        var x = tensor([1f, 2f]);
        x.add_(tensor([1f, 1f])).mul_(3);
        Expect.Values([6, 9], x);
        x.lerp_(tensor([10f, 10f]), 0.5);
        Expect.Values([8, 9.5f], x);
        x.zero_();
        Expect.Values([0, 0], x);
    }
}
