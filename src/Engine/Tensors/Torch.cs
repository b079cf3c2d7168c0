using MedVid.Engine.Native;

namespace MedVid.Engine;

/// <summary>
/// Entry point shaped like TorchSharp's <c>torch</c>: tensor creation, global settings,
/// autograd modes and dispose scopes. Model code uses <c>using static MedVid.Engine.torch;</c>.
/// </summary>
public static partial class torch
{
    public const ScalarType uint8 = ScalarType.Byte;
    public const ScalarType int8 = ScalarType.Int8;
    public const ScalarType int32 = ScalarType.Int32;
    public const ScalarType int64 = ScalarType.Int64;
    public const ScalarType float16 = ScalarType.Float16;
    public const ScalarType bfloat16 = ScalarType.BFloat16;
    public const ScalarType float32 = ScalarType.Float32;
    public const ScalarType float64 = ScalarType.Float64;
    public const ScalarType @bool = ScalarType.Bool;

    public static readonly Device CPU = Device.CPU;
    public static readonly Device CUDA = Device.CUDA;

    public static Device device(string text) => Device.Parse(text);

    /// <summary>Opens a dispose scope on this thread; dispose it to free what was created inside.</summary>
    public static DisposeScope NewDisposeScope() => new();

    /// <summary>Disables gradient recording on this thread until disposed.</summary>
    public static GradModeScope no_grad() => new(false);

    public static GradModeScope enable_grad() => new(true);

    public static bool is_grad_enabled() => NativeAutograd.mt_autograd_is_enabled() != 0;

    public static void manual_seed(ulong seed) => NativeRuntime.mt_runtime_manual_seed(seed);

    public static void set_num_threads(int threads) => NativeRuntime.mt_runtime_set_num_threads(threads);

    public static int get_num_threads() => NativeRuntime.mt_runtime_get_num_threads();

    public static class cuda
    {
        public static bool is_available() => NativeRuntime.mt_cuda_is_available() != 0;

        public static int device_count() => NativeRuntime.mt_cuda_device_count();

        public static void synchronize(int device = 0) => Check.Status(NativeRuntime.mt_cuda_synchronize(device));
    }

    public static Tensor cat(IReadOnlyList<Tensor> tensors, long dim = 0) => Join(tensors, dim, stack: false);

    public static Tensor stack(IReadOnlyList<Tensor> tensors, long dim = 0) => Join(tensors, dim, stack: true);

    private static unsafe Tensor Join(IReadOnlyList<Tensor> tensors, long dim, bool stack)
    {
        Span<nint> handles = tensors.Count <= 64 ? stackalloc nint[tensors.Count] : new nint[tensors.Count];
        for (var i = 0; i < tensors.Count; i++) handles[i] = tensors[i].Handle;
        fixed (nint* p = handles)
            return Tensor.Wrap(stack ? NativeTensor.mt_tensor_stack(p, handles.Length, dim) : NativeTensor.mt_tensor_cat(p, handles.Length, dim));
    }

    public static Tensor matmul(Tensor a, Tensor b) => a.matmul(b);

    public static Tensor bmm(Tensor a, Tensor b) => a.bmm(b);

    public static Tensor where(Tensor condition, Tensor a, Tensor b) =>
        Tensor.Wrap(NativeTensor.mt_tensor_where(condition.Handle, a.Handle, b.Handle));

    public static Tensor tanh(Tensor x) => x.tanh();

    public static Tensor sigmoid(Tensor x) => x.sigmoid();

    public static Tensor exp(Tensor x) => x.exp();

    public static Tensor sqrt(Tensor x) => x.sqrt();
}
