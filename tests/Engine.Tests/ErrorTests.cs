using static MedVid.Engine.torch;

namespace MedVid.Engine.Tests;

public class ErrorTests
{
    [Fact]
    public void Shape_mismatch_raises_TorchException_with_libtorch_message()
    {
        using var scope = NewDisposeScope();
        var a = zeros([2, 3]);
        var b = zeros([4, 5]);
        var matmul = Assert.Throws<TorchException>(() => a.matmul(b));
        Assert.Contains("mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)", matmul.Message);
        var add = Assert.Throws<TorchException>(() => zeros([3]) + zeros([4]));
        Assert.Contains("The size of tensor a (3) must match the size of tensor b (4)", add.Message);
        // The engine keeps working after a failure.
        Expect.Values([0, 0, 0], zeros([3]) + zeros([3]));
    }

    [Fact]
    public void Invalid_arguments_surface_as_exceptions_not_crashes()
    {
        using var scope = NewDisposeScope();
        var x = zeros([2, 3]);
        Assert.Throws<TorchException>(() => x.reshape(4, 4));
        Assert.Throws<TorchException>(() => x.select(5, 0));
        Assert.Throws<TorchException>(() => x.chunk(2, 7));
        Assert.Throws<TorchException>(() => cat([x, zeros([2, 2])], 0));
        Assert.Throws<TorchException>(() => x.item<float>());
        Assert.Throws<TorchException>(() => nn.functional.conv2d(zeros([1, 2, 4, 4]), zeros([1, 3, 3, 3])));
        Assert.Throws<TorchException>(() => nn.functional.layer_norm(x, [5]));
        Assert.Throws<TorchException>(() => (ones([2]).requires_grad_() * 2).backward(ones([3])));
        Assert.Throws<TorchException>(() => zeros([2]).sum().backward());
        Assert.Throws<TorchException>(() => x.to(Device.CUDA).Dispose());
        // A leaf that requires grad refuses in-place updates outside no_grad.
        var leaf = ones([2]).requires_grad_();
        Assert.Throws<TorchException>(() => leaf.add_(1));
    }

    [Fact]
    public void Disposed_tensors_are_rejected_in_managed_code()
    {
        var x = zeros([2]);
        x.Dispose();
        Assert.True(x.IsInvalid);
        Assert.Throws<ObjectDisposedException>(() => x.sum());
        x.Dispose();
    }

    [Fact]
    public void Wrong_element_type_reads_are_refused()
    {
        using var x = zeros([2]);
        Assert.Throws<InvalidOperationException>(() => x.ToArray<double>());
        Assert.Throws<ArgumentException>(() => from_span<float>([1f], [1], float64));
    }
}
