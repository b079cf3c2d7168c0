using MedVid.Engine.Native;

namespace MedVid.Engine;

public static partial class torch
{
    public partial class Tensor
    {
        public unsafe long[] shape
        {
            get
            {
                long* buffer = stackalloc long[16];
                var dims = Check.Status(NativeTensor.mt_tensor_shape(Handle, buffer, 16));
                if (dims > 16)
                {
                    var big = new long[dims];
                    fixed (long* p = big) Check.Status(NativeTensor.mt_tensor_shape(Handle, p, dims));
                    return big;
                }
                return new ReadOnlySpan<long>(buffer, dims).ToArray();
            }
        }

        public int dim() => Check.Status(NativeTensor.mt_tensor_dim(Handle));

        public long ndim => dim();

        /// <summary>Size along one dimension (negative counts from the end).</summary>
        public long size(int dimension)
        {
            var s = shape;
            return s[dimension < 0 ? s.Length + dimension : dimension];
        }

        public long numel() => NumelChecked();

        private long NumelChecked()
        {
            var n = NativeTensor.mt_tensor_numel(Handle);
            return n >= 0 ? n : throw Check.Failure();
        }

        public ScalarType dtype => (ScalarType)Check.Status(NativeTensor.mt_tensor_dtype(Handle));

        public unsafe Device device
        {
            get
            {
                int type, index;
                Check.Status(NativeTensor.mt_tensor_device(Handle, &type, &index));
                return new Device((DeviceType)type, index);
            }
        }

        public bool is_contiguous() => Check.Status(NativeTensor.mt_tensor_is_contiguous(Handle)) != 0;

        public long element_size() => dtype.ElementSize();
    }
}
