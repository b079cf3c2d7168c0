// Elementwise math, comparisons, reductions, matrix products and in-place updates.
#include "common.h"

namespace {

at::Tensor unary(int op, const at::Tensor& x) {
  switch (op) {
    case MT_NEG: return x.neg();
    case MT_ABS: return x.abs();
    case MT_EXP: return x.exp();
    case MT_LOG: return x.log();
    case MT_SQRT: return x.sqrt();
    case MT_RSQRT: return x.rsqrt();
    case MT_SIN: return x.sin();
    case MT_COS: return x.cos();
    case MT_TANH: return x.tanh();
    case MT_SIGMOID: return x.sigmoid();
    case MT_RELU: return x.relu();
    case MT_GELU: return at::gelu(x);
    case MT_GELU_TANH: return at::gelu(x, "tanh");
    case MT_SILU: return at::silu(x);
    case MT_SQUARE: return x.square();
    case MT_FLOOR: return x.floor();
    case MT_CEIL: return x.ceil();
    case MT_ROUND: return x.round();
    case MT_SIGN: return x.sign();
    case MT_LOGICAL_NOT: return x.logical_not();
    case MT_RECIPROCAL: return x.reciprocal();
    default: throw std::invalid_argument("unknown unary op " + std::to_string(op));
  }
}

template <typename Other>
at::Tensor binary(int op, const at::Tensor& a, const Other& b) {
  switch (op) {
    case MT_ADD: return at::add(a, b);
    case MT_SUB: return at::sub(a, b);
    case MT_MUL: return at::mul(a, b);
    case MT_DIV: return at::div(a, b);
    case MT_POW: return at::pow(a, b);
    case MT_EQ: return at::eq(a, b);
    case MT_NE: return at::ne(a, b);
    case MT_LT: return at::lt(a, b);
    case MT_LE: return at::le(a, b);
    case MT_GT: return at::gt(a, b);
    case MT_GE: return at::ge(a, b);
    case MT_REMAINDER: return at::remainder(a, b);
    case MT_RSUB: return at::rsub(a, b);
    default: break;
  }
  if constexpr (std::is_same_v<Other, at::Tensor>) {
    switch (op) {
      case MT_MAXIMUM: return at::maximum(a, b);
      case MT_MINIMUM: return at::minimum(a, b);
      case MT_LOGICAL_AND: return at::logical_and(a, b);
      case MT_LOGICAL_OR: return at::logical_or(a, b);
      default: break;
    }
  } else {
    switch (op) {
      case MT_MAXIMUM: return at::clamp_min(a, b);
      case MT_MINIMUM: return at::clamp_max(a, b);
      default: break;
    }
  }
  throw std::invalid_argument("unsupported binary op " + std::to_string(op));
}

template <typename Other>
void inplace(int op, at::Tensor& a, const Other& b) {
  switch (op) {
    case MT_ADD: a.add_(b); return;
    case MT_SUB: a.sub_(b); return;
    case MT_MUL: a.mul_(b); return;
    case MT_DIV: a.div_(b); return;
    case MT_POW: a.pow_(b); return;
    default: throw std::invalid_argument("unsupported in-place op " + std::to_string(op));
  }
}

at::Tensor reduce(int op, const at::Tensor& x, at::IntArrayRef d, bool keep) {
  const bool all = d.empty();
  switch (op) {
    case MT_SUM: return all ? x.sum() : x.sum(d, keep);
    case MT_MEAN: return all ? x.mean() : x.mean(d, keep);
    case MT_AMAX: return x.amax(d, keep);
    case MT_AMIN: return x.amin(d, keep);
    case MT_VAR: return all ? x.var() : x.var(d, /*unbiased=*/true, keep);
    case MT_STD: return all ? x.std() : x.std(d, /*unbiased=*/true, keep);
    case MT_NORM2: return all ? x.norm() : at::norm(x, 2, d, keep);
    case MT_PROD:
      if (all) return x.prod();
      if (d.size() != 1) throw std::invalid_argument("prod reduces over exactly one dimension");
      return x.prod(d[0], keep);
    default: throw std::invalid_argument("unknown reduction " + std::to_string(op));
  }
}

}  // namespace

extern "C" {

mt_tensor mt_tensor_unary(int op, mt_tensor t) { MT_TENSOR(unary(op, mt::T(t))) }
mt_tensor mt_tensor_binary(int op, mt_tensor a, mt_tensor b) { MT_TENSOR(binary(op, mt::T(a), mt::T(b))) }
mt_tensor mt_tensor_binary_scalar(int op, mt_tensor a, double b) { MT_TENSOR(binary(op, mt::T(a), at::Scalar(b))) }
mt_tensor mt_tensor_clamp(mt_tensor t, double lo, double hi) { MT_TENSOR(mt::T(t).clamp(lo, hi)) }
mt_tensor mt_tensor_add_scaled(mt_tensor a, mt_tensor b, double alpha) { MT_TENSOR(at::add(mt::T(a), mt::T(b), alpha)) }

mt_tensor mt_tensor_reduce(int op, mt_tensor t, const int64_t* d, int n, int keepdim) {
  MT_TENSOR(reduce(op, mt::T(t), mt::dims(d, n), keepdim != 0))
}

mt_tensor mt_tensor_argmax(mt_tensor t, int64_t dim, int keepdim) {
  try {
    const auto& x = mt::T(t);
    if (dim < -x.dim()) return mt::wrap(x.argmax());
    return mt::wrap(x.argmax(dim, keepdim != 0));
  } MT_CATCH
  return nullptr;
}

mt_tensor mt_tensor_matmul(mt_tensor a, mt_tensor b) { MT_TENSOR(at::matmul(mt::T(a), mt::T(b))) }
mt_tensor mt_tensor_bmm(mt_tensor a, mt_tensor b) { MT_TENSOR(at::bmm(mt::T(a), mt::T(b))) }

int mt_tensor_allclose(mt_tensor a, mt_tensor b, double rtol, double atol) {
  try {
    return at::allclose(mt::T(a), mt::T(b), rtol, atol) ? 1 : 0;
  } MT_CATCH
  return -1;
}

int mt_tensor_inplace_binary(int op, mt_tensor self, mt_tensor other) { MT_STATUS(inplace(op, mt::T(self), mt::T(other))) }
int mt_tensor_inplace_scalar(int op, mt_tensor self, double v) { MT_STATUS(inplace(op, mt::T(self), at::Scalar(v))) }
int mt_tensor_copy_(mt_tensor dst, mt_tensor src) { MT_STATUS(mt::T(dst).copy_(mt::T(src))) }
int mt_tensor_fill_(mt_tensor t, double v) { MT_STATUS(mt::T(t).fill_(v)) }
int mt_tensor_uniform_(mt_tensor t, double lo, double hi, mt_generator g) { MT_STATUS(mt::T(t).uniform_(lo, hi, mt::generator(g))) }
int mt_tensor_normal_(mt_tensor t, double mean, double std, mt_generator g) { MT_STATUS(mt::T(t).normal_(mean, std, mt::generator(g))) }
int mt_tensor_lerp_(mt_tensor self, mt_tensor end, double w) { MT_STATUS(mt::T(self).lerp_(mt::T(end), w)) }

}
