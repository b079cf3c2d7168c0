using static TorchSharp.torch;

namespace MedVid.Engine.Tests;

/// <summary>Element-wise comparisons of tensors with expected values.</summary>
internal static class Expect
{
    public static void Values(float[] expected, Tensor actual, double tolerance = 1e-5)
    {
        var got = actual.to(float32).data<float>().ToArray();
        Assert.Equal(expected.Length, got.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - got[i]) <= tolerance, $"element {i}: expected {expected[i]}, got {got[i]}");
    }

    public static void Shape(long[] expected, Tensor actual) => Assert.Equal(expected, actual.shape);
}
