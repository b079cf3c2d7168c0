using System.Runtime.CompilerServices;
using MedVid.Engine.Native;

namespace MedVid.Engine;

public static partial class torch
{
    public partial class Tensor
    {
        /// <summary>
        /// Copies the elements (row-major, from any device) into a new array. T must have the
        /// tensor's element size (e.g. float for float32, ushort or Half for float16/bfloat16).
        /// </summary>
        public unsafe T[] ToArray<T>() where T : unmanaged
        {
            var type = dtype;
            if (sizeof(T) != type.ElementSize())
                throw new InvalidOperationException($"cannot read {type} elements as {typeof(T).Name}");
            var result = new T[numel()];
            fixed (T* p = result)
                Check.Status(NativeTensor.mt_tensor_copy_to_host(Handle, p, (long)result.Length * sizeof(T)));
            return result;
        }

        /// <summary>Copies the elements into a caller buffer of exactly the tensor's byte size.</summary>
        public unsafe void CopyTo(Span<byte> destination)
        {
            fixed (byte* p = destination)
                Check.Status(NativeTensor.mt_tensor_copy_to_host(Handle, p, destination.Length));
        }

        /// <summary>The value of a one-element tensor.</summary>
        public unsafe T item<T>() where T : unmanaged
        {
            double value;
            Check.Status(NativeTensor.mt_tensor_item(Handle, &value));
            if (typeof(T) == typeof(long) && dtype == ScalarType.Int64)
            {
                // Exact for values beyond 2^53, which double would round.
                var exact = ToArray<long>()[0];
                return Unsafe.As<long, T>(ref exact);
            }
            if (typeof(T) == typeof(double)) return Unsafe.As<double, T>(ref value);
            if (typeof(T) == typeof(float)) { var v = (float)value; return Unsafe.As<float, T>(ref v); }
            if (typeof(T) == typeof(long)) { var v = (long)value; return Unsafe.As<long, T>(ref v); }
            if (typeof(T) == typeof(int)) { var v = (int)value; return Unsafe.As<int, T>(ref v); }
            if (typeof(T) == typeof(bool)) { var v = value != 0; return Unsafe.As<bool, T>(ref v); }
            if (typeof(T) == typeof(Half)) { var v = (Half)value; return Unsafe.As<Half, T>(ref v); }
            if (typeof(T) == typeof(byte)) { var v = (byte)value; return Unsafe.As<byte, T>(ref v); }
            throw new NotSupportedException($"item<{typeof(T).Name}> is not supported");
        }

        public float ToSingle() => item<float>();

        public double ToDouble() => item<double>();

        public long ToInt64() => item<long>();
    }
}
