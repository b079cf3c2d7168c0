using System.Runtime.InteropServices;

namespace MedVid.Engine.Native;

/// <summary>mt_tensor_ exports: lifetime, creation, properties, shape and math. Blittable only.</summary>
internal static unsafe partial class NativeTensor
{
    [LibraryImport(NativeLibrary.Name)] public static partial void mt_tensor_free(nint t);
    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_tensor_generator_new(ulong seed);
    [LibraryImport(NativeLibrary.Name)] public static partial void mt_tensor_generator_free(nint g);

    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_tensor_empty(long* shape, int ndim, int dtype, int devType, int devIndex);
    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_tensor_full(long* shape, int ndim, double value, int dtype, int devType, int devIndex);
    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_tensor_arange(double start, double end, double step, int dtype, int devType, int devIndex);
    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_tensor_randn(long* shape, int ndim, nint gen, int dtype, int devType, int devIndex);
    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_tensor_rand(long* shape, int ndim, nint gen, int dtype, int devType, int devIndex);
    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_tensor_randint(long low, long high, long* shape, int ndim, nint gen, int dtype, int devType, int devIndex);
    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_tensor_from_data(void* data, long nbytes, long* shape, int ndim, int dtype);
    [LibraryImport(NativeLibrary.Name)] public static partial int mt_tensor_copy_to_host(nint t, void* dst, long nbytes);

    [LibraryImport(NativeLibrary.Name)] public static partial int mt_tensor_dim(nint t);
    [LibraryImport(NativeLibrary.Name)] public static partial int mt_tensor_shape(nint t, long* shape, int cap);
    [LibraryImport(NativeLibrary.Name)] public static partial int mt_tensor_dtype(nint t);
    [LibraryImport(NativeLibrary.Name)] public static partial int mt_tensor_device(nint t, int* devType, int* devIndex);
    [LibraryImport(NativeLibrary.Name)] public static partial long mt_tensor_numel(nint t);
    [LibraryImport(NativeLibrary.Name)] public static partial int mt_tensor_item(nint t, double* value);
    [LibraryImport(NativeLibrary.Name)] public static partial int mt_tensor_is_contiguous(nint t);

    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_tensor_to(nint t, int devType, int devIndex, int dtype, int copy);
    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_tensor_reshape(nint t, long* shape, int ndim);
    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_tensor_view(nint t, long* shape, int ndim);
    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_tensor_permute(nint t, long* dims, int ndim);
    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_tensor_transpose(nint t, long dim0, long dim1);
    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_tensor_slice(nint t, long dim, long start, long end, long step);
    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_tensor_select(nint t, long dim, long index);
    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_tensor_index_select(nint t, long dim, nint index);
    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_tensor_cat(nint* ts, int n, long dim);
    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_tensor_stack(nint* ts, int n, long dim);
    [LibraryImport(NativeLibrary.Name)] public static partial int mt_tensor_chunk(nint t, long chunks, long dim, nint* outs, int cap);
    [LibraryImport(NativeLibrary.Name)] public static partial int mt_tensor_split(nint t, long* sizes, int n, long dim, nint* outs, int cap);
    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_tensor_repeat(nint t, long* repeats, int n);
    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_tensor_expand(nint t, long* shape, int ndim);
    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_tensor_flatten(nint t, long startDim, long endDim);
    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_tensor_squeeze(nint t, long dim);
    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_tensor_unsqueeze(nint t, long dim);
    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_tensor_contiguous(nint t);
    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_tensor_clone(nint t);
    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_tensor_detach(nint t);
    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_tensor_alias(nint t);
    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_tensor_tril(nint t, long diagonal);
    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_tensor_triu(nint t, long diagonal);
    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_tensor_masked_fill(nint t, nint mask, double value);
    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_tensor_where(nint cond, nint a, nint b);
    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_tensor_gather(nint t, long dim, nint index);

    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_tensor_unary(int op, nint t);
    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_tensor_binary(int op, nint a, nint b);
    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_tensor_binary_scalar(int op, nint a, double b);
    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_tensor_clamp(nint t, double min, double max);
    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_tensor_add_scaled(nint a, nint b, double alpha);
    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_tensor_reduce(int op, nint t, long* dims, int ndims, int keepdim);
    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_tensor_argmax(nint t, long dim, int keepdim);
    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_tensor_matmul(nint a, nint b);
    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_tensor_bmm(nint a, nint b);
    [LibraryImport(NativeLibrary.Name)] public static partial int mt_tensor_allclose(nint a, nint b, double rtol, double atol);

    [LibraryImport(NativeLibrary.Name)] public static partial int mt_tensor_inplace_binary(int op, nint self, nint other);
    [LibraryImport(NativeLibrary.Name)] public static partial int mt_tensor_inplace_scalar(int op, nint self, double value);
    [LibraryImport(NativeLibrary.Name)] public static partial int mt_tensor_copy_(nint dst, nint src);
    [LibraryImport(NativeLibrary.Name)] public static partial int mt_tensor_fill_(nint t, double value);
    [LibraryImport(NativeLibrary.Name)] public static partial int mt_tensor_uniform_(nint t, double low, double high, nint gen);
    [LibraryImport(NativeLibrary.Name)] public static partial int mt_tensor_normal_(nint t, double mean, double std, nint gen);
    [LibraryImport(NativeLibrary.Name)] public static partial int mt_tensor_lerp_(nint self, nint end, double weight);
}

/// <summary>Unary op codes of mt_tensor_unary (same order as the header's enum).</summary>
internal enum UnaryOp
{
    Neg, Abs, Exp, Log, Sqrt, Rsqrt, Sin, Cos, Tanh, Sigmoid, Relu, Gelu, GeluTanh, Silu, Square,
    Floor, Ceil, Round, Sign, LogicalNot, Reciprocal,
}

/// <summary>Binary op codes of mt_tensor_binary / mt_tensor_binary_scalar / in-place ops.</summary>
internal enum BinaryOp
{
    Add, Sub, Mul, Div, Pow, Maximum, Minimum, Eq, Ne, Lt, Le, Gt, Ge, LogicalAnd, LogicalOr, Remainder, RSub,
}

/// <summary>Reduction op codes of mt_tensor_reduce.</summary>
internal enum ReduceOp
{
    Sum, Mean, Amax, Amin, Var, Std, Norm2, Prod,
}
