using System.Runtime.InteropServices;

namespace MedVid.Engine.Native;

/// <summary>mt_nn_ exports: functional neural-network operations.</summary>
internal static unsafe partial class NativeNN
{
    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_nn_linear(nint x, nint weight, nint bias);
    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_nn_softmax(nint x, long dim);
    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_nn_log_softmax(nint x, long dim);
    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_nn_layer_norm(nint x, long* shape, int ndim, nint weight, nint bias, double eps);
    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_nn_group_norm(nint x, long groups, nint weight, nint bias, double eps);
    [LibraryImport(NativeLibrary.Name)]
    public static partial nint mt_nn_convolution(nint x, nint weight, nint bias, int nsp, long* stride, long* padding,
        long* dilation, int transposed, long* outputPadding, long groups);
    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_nn_interpolate(nint x, long* size, int nsp, int mode, int alignCorners);
    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_nn_pad(nint x, long* pads, int n, int mode, double value);
    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_nn_embedding(nint weight, nint indices);
    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_nn_dropout(nint x, double p, int train, nint gen);
    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_nn_scaled_dot_product_attention(nint q, nint k, nint v, nint mask, double dropoutP, int isCausal);
    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_nn_mse_loss(nint input, nint target, int reduction);
    [LibraryImport(NativeLibrary.Name)] public static partial nint mt_nn_cross_entropy(nint logits, nint target, int reduction);
}
