using MedVid.Engine.Native;

namespace MedVid.Engine;

public static partial class torch
{
    public partial class Tensor
    {
        /// <summary>Converts to a device and/or dtype; returns a new handle even when nothing changes.</summary>
        public Tensor to(Device device, ScalarType? type = null, bool copy = false) =>
            Wrap(NativeTensor.mt_tensor_to(Handle, (int)device.type, device.index, type is null ? -1 : (int)type.Value, copy ? 1 : 0));

        public Tensor to(ScalarType type, bool copy = false) =>
            Wrap(NativeTensor.mt_tensor_to(Handle, -1, 0, (int)type, copy ? 1 : 0));

        public Tensor to(string device) => to(Device.Parse(device));

        public Tensor cpu() => to(Device.CPU);

        public Tensor cuda(int index = 0) => to(new Device(DeviceType.CUDA, index));

        public Tensor type(ScalarType type) => to(type);

        public Tensor @float() => to(ScalarType.Float32);

        public Tensor half() => to(ScalarType.Float16);

        public Tensor bfloat16() => to(ScalarType.BFloat16);

        public Tensor @long() => to(ScalarType.Int64);

        public unsafe Tensor reshape(params ReadOnlySpan<long> shape)
        {
            fixed (long* p = shape) return Wrap(NativeTensor.mt_tensor_reshape(Handle, p, shape.Length));
        }

        public unsafe Tensor view(params ReadOnlySpan<long> shape)
        {
            fixed (long* p = shape) return Wrap(NativeTensor.mt_tensor_view(Handle, p, shape.Length));
        }

        public unsafe Tensor permute(params ReadOnlySpan<long> dims)
        {
            fixed (long* p = dims) return Wrap(NativeTensor.mt_tensor_permute(Handle, p, dims.Length));
        }

        public Tensor transpose(long dim0, long dim1) => Wrap(NativeTensor.mt_tensor_transpose(Handle, dim0, dim1));

        /// <summary>Matrix transpose of the last two dimensions.</summary>
        public Tensor mT => transpose(-2, -1);

        /// <summary>Elements start..end (exclusive) with a step along one dimension; a view.</summary>
        public Tensor slice(long dim, long start, long end, long step = 1) =>
            Wrap(NativeTensor.mt_tensor_slice(Handle, dim, start, end, step));

        public Tensor narrow(long dim, long start, long length) => slice(dim, start, start + length);

        /// <summary>Removes one dimension by picking one index; a view.</summary>
        public Tensor select(long dim, long index) => Wrap(NativeTensor.mt_tensor_select(Handle, dim, index));

        /// <summary>x[i] along the first dimension.</summary>
        public Tensor this[long index] => select(0, index);

        public Tensor index_select(long dim, Tensor index) => Wrap(NativeTensor.mt_tensor_index_select(Handle, dim, index.Handle));

        public Tensor gather(long dim, Tensor index) => Wrap(NativeTensor.mt_tensor_gather(Handle, dim, index.Handle));

        public unsafe Tensor[] chunk(long chunks, long dim = 0)
        {
            var outs = new nint[chunks];
            int n;
            fixed (nint* p = outs) n = Check.Status(NativeTensor.mt_tensor_chunk(Handle, chunks, dim, p, outs.Length));
            return Collect(outs, n);
        }

        /// <summary>Splits into pieces of the given sizes along dim.</summary>
        public unsafe Tensor[] split(long[] sizes, long dim = 0)
        {
            var outs = new nint[sizes.Length];
            int n;
            fixed (long* s = sizes)
            fixed (nint* p = outs)
                n = Check.Status(NativeTensor.mt_tensor_split(Handle, s, sizes.Length, dim, p, outs.Length));
            return Collect(outs, n);
        }

        /// <summary>Splits into pieces of splitSize (the last may be smaller) along dim.</summary>
        public Tensor[] split(long splitSize, long dim = 0)
        {
            var total = size((int)dim);
            var count = (total + splitSize - 1) / splitSize;
            var sizes = new long[count];
            for (var i = 0; i < count; i++) sizes[i] = Math.Min(splitSize, total - i * splitSize);
            return split(sizes, dim);
        }

        private static Tensor[] Collect(nint[] handles, int n)
        {
            var result = new Tensor[n];
            for (var i = 0; i < n; i++) result[i] = new Tensor(handles[i]);
            return result;
        }

        public unsafe Tensor repeat(params ReadOnlySpan<long> repeats)
        {
            fixed (long* p = repeats) return Wrap(NativeTensor.mt_tensor_repeat(Handle, p, repeats.Length));
        }

        public unsafe Tensor expand(params ReadOnlySpan<long> shape)
        {
            fixed (long* p = shape) return Wrap(NativeTensor.mt_tensor_expand(Handle, p, shape.Length));
        }

        public Tensor expand_as(Tensor other) => expand(other.shape);

        public Tensor flatten(long startDim = 0, long endDim = -1) => Wrap(NativeTensor.mt_tensor_flatten(Handle, startDim, endDim));

        public Tensor squeeze(long dim) => Wrap(NativeTensor.mt_tensor_squeeze(Handle, dim));

        public Tensor unsqueeze(long dim) => Wrap(NativeTensor.mt_tensor_unsqueeze(Handle, dim));

        public Tensor contiguous() => Wrap(NativeTensor.mt_tensor_contiguous(Handle));

        public Tensor clone() => Wrap(NativeTensor.mt_tensor_clone(Handle));

        /// <summary>Same data, cut from the autograd graph.</summary>
        public Tensor detach() => Wrap(NativeTensor.mt_tensor_detach(Handle));

        /// <summary>A second handle to the very same tensor (shared storage and autograd identity).</summary>
        public Tensor alias() => Wrap(NativeTensor.mt_tensor_alias(Handle));

        public Tensor tril(long diagonal = 0) => Wrap(NativeTensor.mt_tensor_tril(Handle, diagonal));

        public Tensor triu(long diagonal = 0) => Wrap(NativeTensor.mt_tensor_triu(Handle, diagonal));

        public Tensor masked_fill(Tensor mask, double value) => Wrap(NativeTensor.mt_tensor_masked_fill(Handle, mask.Handle, value));
    }
}
