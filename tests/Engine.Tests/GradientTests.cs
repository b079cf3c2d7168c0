using static MedVid.Engine.torch;
using F = MedVid.Engine.torch.nn.functional;

namespace MedVid.Engine.Tests;

/// <summary>Autograd gradients against central finite differences, in float64.</summary>
public class GradientTests
{
    /// <summary>
    /// Checks d(sum(f(x) * w))/dx for a fixed random weighting w, element by element, against
    /// (L(x + h e_i) - L(x - h e_i)) / 2h.
    /// </summary>
    private static void CheckGradient(long[] shape, Func<Tensor, Tensor> f, ulong seed = 1)
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(seed);
        var x0 = randn(shape, float64, generator: g);
        Tensor weights;
        using (no_grad()) weights = randn_like(f(x0), g);

        var x = x0.clone().requires_grad_();
        (f(x) * weights).sum().backward();
        var analytic = x.grad!.ToArray<double>();

        var values = x0.ToArray<double>();
        const double h = 1e-6;
        using var noGrad = no_grad();
        for (var i = 0; i < values.Length; i++)
        {
            using var inner = NewDisposeScope();
            var saved = values[i];
            values[i] = saved + h;
            var up = (f(tensor(values, shape)) * weights).sum().item<double>();
            values[i] = saved - h;
            var down = (f(tensor(values, shape)) * weights).sum().item<double>();
            values[i] = saved;
            var numeric = (up - down) / (2 * h);
            Assert.True(Math.Abs(numeric - analytic[i]) <= 1e-5 * (1 + Math.Abs(numeric)),
                $"element {i}: finite difference {numeric}, autograd {analytic[i]}");
        }
    }

    [Fact]
    public void Matmul()
    {
        using var b = randn([4, 3], float64);
        CheckGradient([2, 4], x => x.matmul(b));
    }

    [Fact]
    public void Softmax() => CheckGradient([3, 5], x => x.softmax(-1));

    [Fact]
    public void Layer_norm()
    {
        using var w = randn([6], float64);
        using var bias = randn([6], float64);
        CheckGradient([2, 6], x => F.layer_norm(x, [6], w, bias));
    }

    [Fact]
    public void Conv2d()
    {
        using var w = randn([2, 3, 3, 3], float64);
        CheckGradient([1, 3, 5, 5], x => F.conv2d(x, w, padding: [1, 1]));
    }

    [Fact]
    public void Attention_with_mask()
    {
        using var k = randn([1, 2, 4, 3], float64);
        using var v = randn([1, 2, 4, 3], float64);
        using var mask = ones([4, 4], @bool).tril();
        CheckGradient([1, 2, 4, 3], q => F.scaled_dot_product_attention(q, k, v, mask));
    }

    [Fact]
    public void Grad_is_null_before_backward_and_no_grad_stops_recording()
    {
        using var scope = NewDisposeScope();
        var x = ones([2]).requires_grad_();
        Assert.Null(x.grad);
        Assert.True(x.is_leaf);
        using (no_grad())
        {
            Assert.False(is_grad_enabled());
            Assert.False((x * 2).requires_grad);
        }
        Assert.True(is_grad_enabled());
        var y = (x * 3).sum();
        Assert.False(y.is_leaf);
        Assert.False(y.detach().requires_grad);
        y.backward();
        Expect.Values([3, 3], x.grad!);
        x.grad = null;
        Assert.Null(x.grad);
    }
}
