using MedVid.Engine.Native;

namespace MedVid.Engine;

public static partial class torch
{
    public static unsafe Tensor empty(ReadOnlySpan<long> shape, ScalarType dtype = float32, Device? device = null, bool requires_grad = false)
    {
        var d = device ?? CPU;
        fixed (long* p = shape)
            return Finish(NativeTensor.mt_tensor_empty(p, shape.Length, (int)dtype, (int)d.type, d.index), requires_grad);
    }

    public static unsafe Tensor full(ReadOnlySpan<long> shape, double value, ScalarType dtype = float32, Device? device = null, bool requires_grad = false)
    {
        var d = device ?? CPU;
        fixed (long* p = shape)
            return Finish(NativeTensor.mt_tensor_full(p, shape.Length, value, (int)dtype, (int)d.type, d.index), requires_grad);
    }

    public static Tensor zeros(ReadOnlySpan<long> shape, ScalarType dtype = float32, Device? device = null, bool requires_grad = false) =>
        full(shape, 0, dtype, device, requires_grad);

    public static Tensor ones(ReadOnlySpan<long> shape, ScalarType dtype = float32, Device? device = null, bool requires_grad = false) =>
        full(shape, 1, dtype, device, requires_grad);

    public static Tensor zeros_like(Tensor t) => full(t.shape, 0, t.dtype, t.device);

    public static Tensor ones_like(Tensor t) => full(t.shape, 1, t.dtype, t.device);

    public static Tensor full_like(Tensor t, double value) => full(t.shape, value, t.dtype, t.device);

    /// <summary>Values start, start+step, ... below end.</summary>
    public static Tensor arange(double start, double end, double step = 1, ScalarType dtype = int64, Device? device = null)
    {
        var d = device ?? CPU;
        return Tensor.Wrap(NativeTensor.mt_tensor_arange(start, end, step, (int)dtype, (int)d.type, d.index));
    }

    public static Tensor arange(long end, ScalarType dtype = int64, Device? device = null) => arange(0, end, 1, dtype, device);

    public static unsafe Tensor randn(ReadOnlySpan<long> shape, ScalarType dtype = float32, Device? device = null, bool requires_grad = false, Generator? generator = null)
    {
        var d = device ?? CPU;
        fixed (long* p = shape)
            return Finish(NativeTensor.mt_tensor_randn(p, shape.Length, generator?.Handle ?? 0, (int)dtype, (int)d.type, d.index), requires_grad);
    }

    public static unsafe Tensor rand(ReadOnlySpan<long> shape, ScalarType dtype = float32, Device? device = null, bool requires_grad = false, Generator? generator = null)
    {
        var d = device ?? CPU;
        fixed (long* p = shape)
            return Finish(NativeTensor.mt_tensor_rand(p, shape.Length, generator?.Handle ?? 0, (int)dtype, (int)d.type, d.index), requires_grad);
    }

    /// <summary>Integers in [low, high).</summary>
    public static unsafe Tensor randint(long low, long high, ReadOnlySpan<long> shape, ScalarType dtype = int64, Device? device = null, Generator? generator = null)
    {
        var d = device ?? CPU;
        fixed (long* p = shape)
            return Tensor.Wrap(NativeTensor.mt_tensor_randint(low, high, p, shape.Length, generator?.Handle ?? 0, (int)dtype, (int)d.type, d.index));
    }

    public static Tensor randn_like(Tensor t, Generator? generator = null) => randn(t.shape, t.dtype, t.device, false, generator);

    /// <summary>
    /// Copies host elements into a new tensor of the given shape and dtype. T must have the
    /// dtype's element size, or be byte (raw little-endian data of any dtype, e.g. from a file).
    /// </summary>
    public static unsafe Tensor from_span<T>(ReadOnlySpan<T> data, ReadOnlySpan<long> shape, ScalarType dtype, Device? device = null, bool requires_grad = false)
        where T : unmanaged
    {
        if (sizeof(T) != dtype.ElementSize() && typeof(T) != typeof(byte))
            throw new ArgumentException($"{typeof(T).Name} elements do not match {dtype}", nameof(dtype));
        nint h;
        fixed (T* src = data)
        fixed (long* s = shape)
            h = Check.Handle(NativeTensor.mt_tensor_from_data(src, (long)data.Length * sizeof(T), s, shape.Length, (int)dtype));
        var cpu = new Tensor(h);
        if (device is { type: not DeviceType.CPU } target)
        {
            var moved = cpu.to(target);
            cpu.Dispose();
            cpu = moved;
        }
        if (requires_grad) cpu.requires_grad = true;
        return cpu;
    }

    public static Tensor tensor(float[] data, ReadOnlySpan<long> shape = default, Device? device = null, bool requires_grad = false) =>
        from_span<float>(data, ShapeOr(shape, data.Length), float32, device, requires_grad);

    public static Tensor tensor(double[] data, ReadOnlySpan<long> shape = default, Device? device = null, bool requires_grad = false) =>
        from_span<double>(data, ShapeOr(shape, data.Length), float64, device, requires_grad);

    public static Tensor tensor(long[] data, ReadOnlySpan<long> shape = default, Device? device = null) =>
        from_span<long>(data, ShapeOr(shape, data.Length), int64, device);

    public static Tensor tensor(int[] data, ReadOnlySpan<long> shape = default, Device? device = null) =>
        from_span<int>(data, ShapeOr(shape, data.Length), int32, device);

    public static Tensor tensor(byte[] data, ReadOnlySpan<long> shape = default, Device? device = null) =>
        from_span<byte>(data, ShapeOr(shape, data.Length), uint8, device);

    public static Tensor tensor(bool[] data, ReadOnlySpan<long> shape = default, Device? device = null) =>
        from_span<bool>(data, ShapeOr(shape, data.Length), @bool, device);

    public static Tensor tensor(Half[] data, ReadOnlySpan<long> shape = default, Device? device = null) =>
        from_span<Half>(data, ShapeOr(shape, data.Length), float16, device);

    /// <summary>A 0-dimensional float32 tensor.</summary>
    public static Tensor tensor(float value, Device? device = null) => from_span<float>([value], [], float32, device);

    private static ReadOnlySpan<long> ShapeOr(ReadOnlySpan<long> shape, int length) => shape.IsEmpty ? new long[] { length } : shape;

    private static Tensor Finish(nint handle, bool requiresGrad)
    {
        var t = Tensor.Wrap(handle);
        if (requiresGrad) t.requires_grad = true;
        return t;
    }
}
