using MedVid.Engine.Native;

namespace MedVid.Engine;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>Stateless neural-network operations, as torch.nn.functional.</summary>
        public static class functional
        {
            public static Tensor linear(Tensor x, Tensor weight, Tensor? bias = null) =>
                Tensor.Wrap(NativeNN.mt_nn_linear(x.Handle, weight.Handle, bias?.Handle ?? 0));

            public static Tensor softmax(Tensor x, long dim) => Tensor.Wrap(NativeNN.mt_nn_softmax(x.Handle, dim));

            public static Tensor log_softmax(Tensor x, long dim) => Tensor.Wrap(NativeNN.mt_nn_log_softmax(x.Handle, dim));

            public static unsafe Tensor layer_norm(Tensor x, ReadOnlySpan<long> normalizedShape, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5)
            {
                fixed (long* p = normalizedShape)
                    return Tensor.Wrap(NativeNN.mt_nn_layer_norm(x.Handle, p, normalizedShape.Length, weight?.Handle ?? 0, bias?.Handle ?? 0, eps));
            }

            public static Tensor group_norm(Tensor x, long groups, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5) =>
                Tensor.Wrap(NativeNN.mt_nn_group_norm(x.Handle, groups, weight?.Handle ?? 0, bias?.Handle ?? 0, eps));

            public static Tensor conv1d(Tensor x, Tensor weight, Tensor? bias = null, long stride = 1, long padding = 0, long dilation = 1, long groups = 1) =>
                Convolution(x, weight, bias, 1, [stride], [padding], [dilation], false, [0], groups);

            public static Tensor conv2d(Tensor x, Tensor weight, Tensor? bias = null, long[]? stride = null, long[]? padding = null, long[]? dilation = null, long groups = 1) =>
                Convolution(x, weight, bias, 2, stride ?? [1, 1], padding ?? [0, 0], dilation ?? [1, 1], false, [0, 0], groups);

            public static Tensor conv3d(Tensor x, Tensor weight, Tensor? bias = null, long[]? stride = null, long[]? padding = null, long[]? dilation = null, long groups = 1) =>
                Convolution(x, weight, bias, 3, stride ?? [1, 1, 1], padding ?? [0, 0, 0], dilation ?? [1, 1, 1], false, [0, 0, 0], groups);

            public static Tensor conv_transpose1d(Tensor x, Tensor weight, Tensor? bias = null, long stride = 1, long padding = 0, long outputPadding = 0, long groups = 1, long dilation = 1) =>
                Convolution(x, weight, bias, 1, [stride], [padding], [dilation], true, [outputPadding], groups);

            public static Tensor conv_transpose2d(Tensor x, Tensor weight, Tensor? bias = null, long[]? stride = null, long[]? padding = null, long[]? outputPadding = null, long groups = 1, long[]? dilation = null) =>
                Convolution(x, weight, bias, 2, stride ?? [1, 1], padding ?? [0, 0], dilation ?? [1, 1], true, outputPadding ?? [0, 0], groups);

            public static Tensor conv_transpose3d(Tensor x, Tensor weight, Tensor? bias = null, long[]? stride = null, long[]? padding = null, long[]? outputPadding = null, long groups = 1, long[]? dilation = null) =>
                Convolution(x, weight, bias, 3, stride ?? [1, 1, 1], padding ?? [0, 0, 0], dilation ?? [1, 1, 1], true, outputPadding ?? [0, 0, 0], groups);

            private static unsafe Tensor Convolution(Tensor x, Tensor weight, Tensor? bias, int nsp, long[] stride, long[] padding,
                long[] dilation, bool transposed, long[] outputPadding, long groups)
            {
                if (stride.Length != nsp || padding.Length != nsp || dilation.Length != nsp || outputPadding.Length != nsp)
                    throw new ArgumentException($"stride, padding, dilation and output padding need {nsp} entries each");
                fixed (long* s = stride)
                fixed (long* p = padding)
                fixed (long* d = dilation)
                fixed (long* o = outputPadding)
                    return Tensor.Wrap(NativeNN.mt_nn_convolution(x.Handle, weight.Handle, bias?.Handle ?? 0, nsp, s, p, d, transposed ? 1 : 0, o, groups));
            }

            /// <summary>Resizes the spatial dimensions to <paramref name="size"/> (one entry per spatial dimension).</summary>
            public static unsafe Tensor interpolate(Tensor x, long[] size, InterpolationMode mode = InterpolationMode.Nearest, bool alignCorners = false)
            {
                fixed (long* s = size)
                    return Tensor.Wrap(NativeNN.mt_nn_interpolate(x.Handle, s, size.Length, (int)mode, alignCorners ? 1 : 0));
            }

            /// <summary>Resizes the spatial dimensions by a factor (sizes are floor(size * factor), as in PyTorch).</summary>
            public static Tensor interpolate(Tensor x, double scaleFactor, InterpolationMode mode = InterpolationMode.Nearest, bool alignCorners = false)
            {
                var shape = x.shape;
                var size = new long[shape.Length - 2];
                for (var i = 0; i < size.Length; i++) size[i] = (long)Math.Floor(shape[i + 2] * scaleFactor);
                return interpolate(x, size, mode, alignCorners);
            }

            /// <summary>Pads trailing dimensions; <paramref name="pad"/> lists (left, right) pairs from the last dimension backwards.</summary>
            public static unsafe Tensor pad(Tensor x, long[] pad, PaddingMode mode = PaddingMode.Constant, double value = 0)
            {
                fixed (long* p = pad)
                    return Tensor.Wrap(NativeNN.mt_nn_pad(x.Handle, p, pad.Length, (int)mode, value));
            }

            public static Tensor embedding(Tensor indices, Tensor weight) => Tensor.Wrap(NativeNN.mt_nn_embedding(weight.Handle, indices.Handle));

            public static Tensor dropout(Tensor x, double p = 0.5, bool training = true, Generator? generator = null) =>
                Tensor.Wrap(NativeNN.mt_nn_dropout(x.Handle, p, training ? 1 : 0, generator?.Handle ?? 0));

            /// <summary>
            /// softmax(q kᵀ / √E + mask) v over the last two dimensions. A bool mask is true where
            /// attention is allowed; a float mask is added to the scores.
            /// </summary>
            public static Tensor scaled_dot_product_attention(Tensor query, Tensor key, Tensor value, Tensor? attnMask = null, double dropoutP = 0, bool isCausal = false) =>
                Tensor.Wrap(NativeNN.mt_nn_scaled_dot_product_attention(query.Handle, key.Handle, value.Handle, attnMask?.Handle ?? 0, dropoutP, isCausal ? 1 : 0));

            public static Tensor gelu(Tensor x, bool tanhApproximation = false) => x.Unary(tanhApproximation ? UnaryOp.GeluTanh : UnaryOp.Gelu);

            public static Tensor silu(Tensor x) => x.Unary(UnaryOp.Silu);

            public static Tensor relu(Tensor x) => x.relu();

            public static Tensor tanh(Tensor x) => x.tanh();

            public static Tensor sigmoid(Tensor x) => x.sigmoid();

            public static Tensor mse_loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean) =>
                Tensor.Wrap(NativeNN.mt_nn_mse_loss(input.Handle, target.Handle, (int)reduction));

            public static Tensor cross_entropy(Tensor logits, Tensor target, Reduction reduction = Reduction.Mean) =>
                Tensor.Wrap(NativeNN.mt_nn_cross_entropy(logits.Handle, target.Handle, (int)reduction));
        }
    }

    public partial class Tensor
    {
        public Tensor softmax(long dim) => nn.functional.softmax(this, dim);

        public Tensor log_softmax(long dim) => nn.functional.log_softmax(this, dim);
    }
}

/// <summary>Resampling kinds of interpolate (linear means bi-/trilinear by rank).</summary>
public enum InterpolationMode
{
    Nearest = 0,
    Linear = 1,
    Bicubic = 2,
}

public enum PaddingMode
{
    Constant = 0,
    Reflect = 1,
    Replicate = 2,
    Circular = 3,
}

public enum Reduction
{
    None = 0,
    Mean = 1,
    Sum = 2,
}
