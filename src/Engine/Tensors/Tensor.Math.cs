using MedVid.Engine.Native;

namespace MedVid.Engine;

public static partial class torch
{
    public partial class Tensor
    {
        internal Tensor Unary(UnaryOp op) => Wrap(NativeTensor.mt_tensor_unary((int)op, Handle));

        internal Tensor Binary(BinaryOp op, Tensor other) => Wrap(NativeTensor.mt_tensor_binary((int)op, Handle, other.Handle));

        internal Tensor Binary(BinaryOp op, double other) => Wrap(NativeTensor.mt_tensor_binary_scalar((int)op, Handle, other));

        public Tensor neg() => Unary(UnaryOp.Neg);
        public Tensor abs() => Unary(UnaryOp.Abs);
        public Tensor exp() => Unary(UnaryOp.Exp);
        public Tensor log() => Unary(UnaryOp.Log);
        public Tensor sqrt() => Unary(UnaryOp.Sqrt);
        public Tensor rsqrt() => Unary(UnaryOp.Rsqrt);
        public Tensor sin() => Unary(UnaryOp.Sin);
        public Tensor cos() => Unary(UnaryOp.Cos);
        public Tensor tanh() => Unary(UnaryOp.Tanh);
        public Tensor sigmoid() => Unary(UnaryOp.Sigmoid);
        public Tensor relu() => Unary(UnaryOp.Relu);
        public Tensor square() => Unary(UnaryOp.Square);
        public Tensor floor() => Unary(UnaryOp.Floor);
        public Tensor ceil() => Unary(UnaryOp.Ceil);
        public Tensor round() => Unary(UnaryOp.Round);
        public Tensor sign() => Unary(UnaryOp.Sign);
        public Tensor reciprocal() => Unary(UnaryOp.Reciprocal);
        public Tensor logical_not() => Unary(UnaryOp.LogicalNot);

        public Tensor add(Tensor other) => Binary(BinaryOp.Add, other);
        public Tensor add(Tensor other, double alpha) => Wrap(NativeTensor.mt_tensor_add_scaled(Handle, other.Handle, alpha));
        public Tensor add(double other) => Binary(BinaryOp.Add, other);
        public Tensor sub(Tensor other) => Binary(BinaryOp.Sub, other);
        public Tensor sub(double other) => Binary(BinaryOp.Sub, other);
        public Tensor mul(Tensor other) => Binary(BinaryOp.Mul, other);
        public Tensor mul(double other) => Binary(BinaryOp.Mul, other);
        public Tensor div(Tensor other) => Binary(BinaryOp.Div, other);
        public Tensor div(double other) => Binary(BinaryOp.Div, other);
        public Tensor pow(Tensor exponent) => Binary(BinaryOp.Pow, exponent);
        public Tensor pow(double exponent) => Binary(BinaryOp.Pow, exponent);
        public Tensor remainder(double other) => Binary(BinaryOp.Remainder, other);
        public Tensor maximum(Tensor other) => Binary(BinaryOp.Maximum, other);
        public Tensor minimum(Tensor other) => Binary(BinaryOp.Minimum, other);
        public Tensor clamp(double min, double max) => Wrap(NativeTensor.mt_tensor_clamp(Handle, min, max));
        public Tensor clamp_min(double min) => Binary(BinaryOp.Maximum, min);
        public Tensor clamp_max(double max) => Binary(BinaryOp.Minimum, max);

        public Tensor eq(Tensor other) => Binary(BinaryOp.Eq, other);
        public Tensor eq(double other) => Binary(BinaryOp.Eq, other);
        public Tensor ne(Tensor other) => Binary(BinaryOp.Ne, other);
        public Tensor ne(double other) => Binary(BinaryOp.Ne, other);
        public Tensor lt(Tensor other) => Binary(BinaryOp.Lt, other);
        public Tensor lt(double other) => Binary(BinaryOp.Lt, other);
        public Tensor le(Tensor other) => Binary(BinaryOp.Le, other);
        public Tensor le(double other) => Binary(BinaryOp.Le, other);
        public Tensor gt(Tensor other) => Binary(BinaryOp.Gt, other);
        public Tensor gt(double other) => Binary(BinaryOp.Gt, other);
        public Tensor ge(Tensor other) => Binary(BinaryOp.Ge, other);
        public Tensor ge(double other) => Binary(BinaryOp.Ge, other);
        public Tensor logical_and(Tensor other) => Binary(BinaryOp.LogicalAnd, other);
        public Tensor logical_or(Tensor other) => Binary(BinaryOp.LogicalOr, other);

        public bool allclose(Tensor other, double rtol = 1e-5, double atol = 1e-8) =>
            Check.Status(NativeTensor.mt_tensor_allclose(Handle, other.Handle, rtol, atol)) != 0;

        public Tensor matmul(Tensor other) => Wrap(NativeTensor.mt_tensor_matmul(Handle, other.Handle));
        public Tensor bmm(Tensor other) => Wrap(NativeTensor.mt_tensor_bmm(Handle, other.Handle));

        public static Tensor operator +(Tensor a, Tensor b) => a.add(b);
        public static Tensor operator +(Tensor a, double b) => a.add(b);
        public static Tensor operator +(double a, Tensor b) => b.add(a);
        public static Tensor operator -(Tensor a, Tensor b) => a.sub(b);
        public static Tensor operator -(Tensor a, double b) => a.sub(b);
        public static Tensor operator -(double a, Tensor b) => b.Binary(BinaryOp.RSub, a);
        public static Tensor operator *(Tensor a, Tensor b) => a.mul(b);
        public static Tensor operator *(Tensor a, double b) => a.mul(b);
        public static Tensor operator *(double a, Tensor b) => b.mul(a);
        public static Tensor operator /(Tensor a, Tensor b) => a.div(b);
        public static Tensor operator /(Tensor a, double b) => a.div(b);
        public static Tensor operator /(double a, Tensor b) => b.reciprocal().MulDisposing(a);
        public static Tensor operator -(Tensor a) => a.neg();

        private Tensor MulDisposing(double factor)
        {
            var result = mul(factor);
            Dispose();
            return result;
        }

        // ---- reductions --------------------------------------------------------------

        internal unsafe Tensor Reduce(ReduceOp op, ReadOnlySpan<long> dims, bool keepdim)
        {
            fixed (long* p = dims) return Wrap(NativeTensor.mt_tensor_reduce((int)op, Handle, p, dims.Length, keepdim ? 1 : 0));
        }

        public Tensor sum() => Reduce(ReduceOp.Sum, default, false);
        public Tensor sum(long dim, bool keepdim = false) => Reduce(ReduceOp.Sum, [dim], keepdim);
        public Tensor sum(long[] dims, bool keepdim = false) => Reduce(ReduceOp.Sum, dims, keepdim);
        public Tensor mean() => Reduce(ReduceOp.Mean, default, false);
        public Tensor mean(long dim, bool keepdim = false) => Reduce(ReduceOp.Mean, [dim], keepdim);
        public Tensor mean(long[] dims, bool keepdim = false) => Reduce(ReduceOp.Mean, dims, keepdim);
        public Tensor amax() => Reduce(ReduceOp.Amax, default, false);
        public Tensor amax(long dim, bool keepdim = false) => Reduce(ReduceOp.Amax, [dim], keepdim);
        public Tensor amin() => Reduce(ReduceOp.Amin, default, false);
        public Tensor amin(long dim, bool keepdim = false) => Reduce(ReduceOp.Amin, [dim], keepdim);
        public Tensor max() => amax();
        public Tensor min() => amin();
        public Tensor var() => Reduce(ReduceOp.Var, default, false);
        public Tensor var(long dim, bool keepdim = false) => Reduce(ReduceOp.Var, [dim], keepdim);
        public Tensor std() => Reduce(ReduceOp.Std, default, false);
        public Tensor std(long dim, bool keepdim = false) => Reduce(ReduceOp.Std, [dim], keepdim);
        public Tensor norm() => Reduce(ReduceOp.Norm2, default, false);
        public Tensor norm(long dim, bool keepdim = false) => Reduce(ReduceOp.Norm2, [dim], keepdim);
        public Tensor prod() => Reduce(ReduceOp.Prod, default, false);
        public Tensor prod(long dim, bool keepdim = false) => Reduce(ReduceOp.Prod, [dim], keepdim);
        public Tensor argmax() => Wrap(NativeTensor.mt_tensor_argmax(Handle, long.MinValue, 0));
        public Tensor argmax(long dim, bool keepdim = false) => Wrap(NativeTensor.mt_tensor_argmax(Handle, dim, keepdim ? 1 : 0));

        // ---- in place (return this, as libtorch does) --------------------------------

        public Tensor add_(Tensor other) { Check.Status(NativeTensor.mt_tensor_inplace_binary((int)BinaryOp.Add, Handle, other.Handle)); return this; }
        public Tensor add_(double other) { Check.Status(NativeTensor.mt_tensor_inplace_scalar((int)BinaryOp.Add, Handle, other)); return this; }
        public Tensor sub_(Tensor other) { Check.Status(NativeTensor.mt_tensor_inplace_binary((int)BinaryOp.Sub, Handle, other.Handle)); return this; }
        public Tensor mul_(Tensor other) { Check.Status(NativeTensor.mt_tensor_inplace_binary((int)BinaryOp.Mul, Handle, other.Handle)); return this; }
        public Tensor mul_(double other) { Check.Status(NativeTensor.mt_tensor_inplace_scalar((int)BinaryOp.Mul, Handle, other)); return this; }
        public Tensor div_(double other) { Check.Status(NativeTensor.mt_tensor_inplace_scalar((int)BinaryOp.Div, Handle, other)); return this; }
        public Tensor copy_(Tensor source) { Check.Status(NativeTensor.mt_tensor_copy_(Handle, source.Handle)); return this; }
        public Tensor fill_(double value) { Check.Status(NativeTensor.mt_tensor_fill_(Handle, value)); return this; }
        public Tensor zero_() => fill_(0);
        public Tensor uniform_(double low = 0, double high = 1, Generator? generator = null)
        {
            Check.Status(NativeTensor.mt_tensor_uniform_(Handle, low, high, generator?.Handle ?? 0));
            return this;
        }
        public Tensor normal_(double mean = 0, double std = 1, Generator? generator = null)
        {
            Check.Status(NativeTensor.mt_tensor_normal_(Handle, mean, std, generator?.Handle ?? 0));
            return this;
        }
        /// <summary>this += weight * (end - this).</summary>
        public Tensor lerp_(Tensor end, double weight) { Check.Status(NativeTensor.mt_tensor_lerp_(Handle, end.Handle, weight)); return this; }
    }
}
