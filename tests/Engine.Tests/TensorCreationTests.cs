using static MedVid.Engine.torch;

namespace MedVid.Engine.Tests;

public class TensorCreationTests
{
    [Fact]
    public void Factories_fill_the_requested_shape_and_values()
    {
        using var scope = NewDisposeScope();
        Expect.Values([0, 0, 0, 0, 0, 0], zeros([2, 3]));
        Expect.Values([1, 1], ones([2]));
        Expect.Values([2.5f, 2.5f, 2.5f], full([3], 2.5));
        Expect.Shape([2, 3], zeros([2, 3]));
        Assert.Equal(new long[] { 0, 2, 4 }, arange(0, 6, 2).ToArray<long>());
        Assert.Equal(ScalarType.Int64, arange(3).dtype);
    }

    [Fact]
    public void From_arrays_round_trips_all_supported_dtypes()
    {
        using var scope = NewDisposeScope();
        Assert.Equal(new[] { 1.5f, -2f }, tensor([1.5f, -2f]).ToArray<float>());
        Assert.Equal(new[] { 1.25, 3 }, tensor([1.25, 3.0]).ToArray<double>());
        Assert.Equal(new long[] { long.MaxValue, -1 }, tensor([long.MaxValue, -1L]).ToArray<long>());
        Assert.Equal(new byte[] { 0, 255 }, tensor(new byte[] { 0, 255 }).ToArray<byte>());
        Assert.Equal(new[] { true, false }, tensor([true, false]).ToArray<bool>());
        Assert.Equal(new[] { (Half)0.5, (Half)(-3) }, tensor([(Half)0.5, (Half)(-3)]).ToArray<Half>());
        Assert.Equal(long.MaxValue, tensor([long.MaxValue]).item<long>());
    }

    [Fact]
    public void Half_precision_conversions_keep_representable_values()
    {
        using var scope = NewDisposeScope();
        var x = tensor([1f, -0.5f, 1024f, 3.140625f]);
        Expect.Values([1f, -0.5f, 1024f, 3.140625f], x.to(float16));
        Expect.Values([1f, -0.5f, 1024f, 3.140625f], x.to(bfloat16));
        Assert.Equal(ScalarType.BFloat16, x.to(bfloat16).dtype);
        // bfloat16 keeps 8 significant bits: 1 + 2^-9 rounds to 1.
        Expect.Values([1f], tensor([1f + 1f / 512]).to(bfloat16), 0);
    }

    [Fact]
    public void Seeded_generators_reproduce_and_differ_by_seed()
    {
        using var scope = NewDisposeScope();
        using var g1 = new Generator(7);
        using var g2 = new Generator(7);
        using var g3 = new Generator(8);
        var a = randn([16], generator: g1).ToArray<float>();
        Assert.Equal(a, randn([16], generator: g2).ToArray<float>());
        Assert.NotEqual(a, randn([16], generator: g3).ToArray<float>());
        manual_seed(3);
        var b = rand([8]).ToArray<float>();
        manual_seed(3);
        Assert.Equal(b, rand([8]).ToArray<float>());
        Assert.All(b, v => Assert.InRange(v, 0f, 1f));
        var ints = randint(2, 5, [100], generator: g3).ToArray<long>();
        Assert.All(ints, v => Assert.InRange(v, 2L, 4L));
    }

    [Fact]
    public void Devices_and_threads_are_queryable_without_a_gpu()
    {
        Assert.Equal(cuda.device_count() > 0, cuda.is_available());
        var before = get_num_threads();
        set_num_threads(1);
        Assert.Equal(1, get_num_threads());
        set_num_threads(before);
        using var x = zeros([1]);
        Assert.Equal(Device.CPU, x.device);
        Assert.Equal(new Device(DeviceType.CUDA, 1), Device.Parse("cuda:1"));
        if (!cuda.is_available()) Assert.Throws<TorchException>(() => cuda.synchronize());
    }
}
