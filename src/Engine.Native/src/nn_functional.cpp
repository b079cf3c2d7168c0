// Functional neural-network operations (the building blocks modules are written from).
#include "common.h"

#include <torch/version.h>

namespace {

at::Tensor interpolate(const at::Tensor& x, at::IntArrayRef size, int mode, bool align) {
  const auto nsp = static_cast<int64_t>(size.size());
  if (x.dim() != nsp + 2)
    throw std::invalid_argument("interpolate: input of rank " + std::to_string(x.dim()) + " needs " +
                                std::to_string(x.dim() - 2) + " output sizes, got " + std::to_string(nsp));
  if (mode == 0) {
    if (nsp == 1) return at::upsample_nearest1d(x, size);
    if (nsp == 2) return at::upsample_nearest2d(x, size);
    if (nsp == 3) return at::upsample_nearest3d(x, size);
  } else if (mode == 1) {
    if (nsp == 1) return at::upsample_linear1d(x, size, align);
    if (nsp == 2) return at::upsample_bilinear2d(x, size, align);
    if (nsp == 3) return at::upsample_trilinear3d(x, size, align);
  } else if (mode == 2 && nsp == 2) {
    return at::upsample_bicubic2d(x, size, align);
  }
  throw std::invalid_argument("interpolate: unsupported mode " + std::to_string(mode) + " for " +
                              std::to_string(nsp) + " spatial dimensions");
}

const char* pad_mode(int mode) {
  switch (mode) {
    case 0: return "constant";
    case 1: return "reflect";
    case 2: return "replicate";
    case 3: return "circular";
    default: throw std::invalid_argument("pad: unknown mode " + std::to_string(mode));
  }
}

int64_t reduction(int r) {
  if (r < 0 || r > 2) throw std::invalid_argument("unknown reduction " + std::to_string(r));
  // at::Reduction: None = 0, Mean = 1, Sum = 2.
  return r;
}

}  // namespace

extern "C" {

mt_tensor mt_nn_linear(mt_tensor x, mt_tensor w, mt_tensor b) { MT_TENSOR(at::linear(mt::T(x), mt::T(w), mt::opt(b))) }
mt_tensor mt_nn_softmax(mt_tensor x, int64_t dim) { MT_TENSOR(at::softmax(mt::T(x), dim)) }
mt_tensor mt_nn_log_softmax(mt_tensor x, int64_t dim) { MT_TENSOR(at::log_softmax(mt::T(x), dim)) }

mt_tensor mt_nn_layer_norm(mt_tensor x, const int64_t* shape, int ndim, mt_tensor w, mt_tensor b, double eps) {
  MT_TENSOR(at::layer_norm(mt::T(x), mt::dims(shape, ndim), mt::opt(w), mt::opt(b), eps))
}

mt_tensor mt_nn_group_norm(mt_tensor x, int64_t groups, mt_tensor w, mt_tensor b, double eps) {
  MT_TENSOR(at::group_norm(mt::T(x), groups, mt::opt(w), mt::opt(b), eps))
}

mt_tensor mt_nn_convolution(mt_tensor x, mt_tensor w, mt_tensor b, int nsp, const int64_t* stride,
                            const int64_t* padding, const int64_t* dilation, int transposed,
                            const int64_t* output_padding, int64_t groups) {
  try {
    if (nsp < 1 || nsp > 3) throw std::invalid_argument("convolution: spatial rank must be 1, 2 or 3");
    return mt::wrap(at::convolution(mt::T(x), mt::T(w), mt::opt(b), mt::dims(stride, nsp), mt::dims(padding, nsp),
                                    mt::dims(dilation, nsp), transposed != 0,
                                    transposed != 0 ? mt::dims(output_padding, nsp) : at::IntArrayRef(std::vector<int64_t>(static_cast<size_t>(nsp), 0)),
                                    groups));
  } MT_CATCH
  return nullptr;
}

mt_tensor mt_nn_interpolate(mt_tensor x, const int64_t* size, int nsp, int mode, int align_corners) {
  MT_TENSOR(interpolate(mt::T(x), mt::dims(size, nsp), mode, align_corners != 0))
}

mt_tensor mt_nn_pad(mt_tensor x, const int64_t* pads, int n, int mode, double value) {
  try {
    const char* m = pad_mode(mode);
    return mt::wrap(at::pad(mt::T(x), mt::dims(pads, n), m, mode == 0 ? c10::optional<double>(value) : c10::nullopt));
  } MT_CATCH
  return nullptr;
}

mt_tensor mt_nn_embedding(mt_tensor w, mt_tensor idx) { MT_TENSOR(at::embedding(mt::T(w), mt::T(idx))) }

mt_tensor mt_nn_dropout(mt_tensor x, double p, int train, mt_generator gen) {
  try {
    const auto& in = mt::T(x);
    if (train == 0 || p == 0.0) return mt::wrap(in);
    if (p < 0.0 || p > 1.0) throw std::invalid_argument("dropout probability must be in [0, 1]");
    if (gen == nullptr) return mt::wrap(at::dropout(in, p, true));
    // A seeded mask keeps dropout reproducible independently of the global generator.
    auto keep = at::empty_like(in).bernoulli_(1.0 - p, mt::generator(gen));
    return mt::wrap(in * keep / (1.0 - p));
  } MT_CATCH
  return nullptr;
}

mt_tensor mt_nn_scaled_dot_product_attention(mt_tensor q, mt_tensor k, mt_tensor v, mt_tensor mask, double dropout_p,
                                             int is_causal) {
#if TORCH_VERSION_MAJOR >= 2
  // libtorch 2.x: the public op, which picks flash / memory-efficient kernels on CUDA.
  MT_TENSOR(at::scaled_dot_product_attention(mt::T(q), mt::T(k), mt::T(v), mt::opt(mask), dropout_p, is_causal != 0))
#else
  // libtorch 1.13 only has at::_scaled_dot_product_attention (the public name came in 2.0):
  // it uses a fused kernel where one exists for the device and the math path otherwise.
  MT_TENSOR(std::get<0>(at::_scaled_dot_product_attention(mt::T(q), mt::T(k), mt::T(v), mt::opt(mask), dropout_p,
                                                          /*need_attn_weights=*/false, is_causal != 0)))
#endif
}

mt_tensor mt_nn_mse_loss(mt_tensor input, mt_tensor target, int r) {
  MT_TENSOR(at::mse_loss(mt::T(input), mt::T(target), reduction(r)))
}

mt_tensor mt_nn_cross_entropy(mt_tensor logits, mt_tensor target, int r) {
  MT_TENSOR(at::cross_entropy_loss(mt::T(logits), mt::T(target), c10::nullopt, reduction(r)))
}

}
