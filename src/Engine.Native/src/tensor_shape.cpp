// Conversions, views and shape operations.
#include "common.h"

namespace {
int write_pieces(const std::vector<at::Tensor>& pieces, mt_tensor* out, int cap) {
  const int n = static_cast<int>(pieces.size());
  if (n > cap) throw std::invalid_argument("split/chunk: " + std::to_string(n) + " pieces, room for " + std::to_string(cap));
  for (int i = 0; i < n; ++i) out[i] = mt::wrap(pieces[static_cast<size_t>(i)]);
  return n;
}
}  // namespace

extern "C" {

mt_tensor mt_tensor_to(mt_tensor t, int dev_type, int dev_index, int dtype, int copy) {
  try {
    const auto& x = mt::T(t);
    const auto dev = dev_type < 0 ? x.device() : mt::device(dev_type, dev_index);
    const auto st = dtype < 0 ? x.scalar_type() : mt::scalar_type(dtype);
    return mt::wrap(x.to(dev, st, /*non_blocking=*/false, copy != 0));
  } MT_CATCH
  return nullptr;
}

mt_tensor mt_tensor_reshape(mt_tensor t, const int64_t* shape, int ndim) { MT_TENSOR(mt::T(t).reshape(mt::dims(shape, ndim))) }
mt_tensor mt_tensor_view(mt_tensor t, const int64_t* shape, int ndim) { MT_TENSOR(mt::T(t).view(mt::dims(shape, ndim))) }
mt_tensor mt_tensor_permute(mt_tensor t, const int64_t* d, int ndim) { MT_TENSOR(mt::T(t).permute(mt::dims(d, ndim))) }
mt_tensor mt_tensor_transpose(mt_tensor t, int64_t dim0, int64_t dim1) { MT_TENSOR(mt::T(t).transpose(dim0, dim1)) }

mt_tensor mt_tensor_slice(mt_tensor t, int64_t dim, int64_t start, int64_t end, int64_t step) {
  MT_TENSOR(mt::T(t).slice(dim, start, end, step))
}

mt_tensor mt_tensor_select(mt_tensor t, int64_t dim, int64_t index) { MT_TENSOR(mt::T(t).select(dim, index)) }

mt_tensor mt_tensor_index_select(mt_tensor t, int64_t dim, mt_tensor index) {
  MT_TENSOR(mt::T(t).index_select(dim, mt::T(index)))
}

mt_tensor mt_tensor_cat(const mt_tensor* ts, int n, int64_t dim) { MT_TENSOR(at::cat(mt::tensors(ts, n), dim)) }
mt_tensor mt_tensor_stack(const mt_tensor* ts, int n, int64_t dim) { MT_TENSOR(at::stack(mt::tensors(ts, n), dim)) }

int mt_tensor_chunk(mt_tensor t, int64_t chunks, int64_t dim, mt_tensor* out, int cap) {
  try {
    return write_pieces(mt::T(t).chunk(chunks, dim), out, cap);
  } MT_CATCH
  return -1;
}

int mt_tensor_split(mt_tensor t, const int64_t* sizes, int n, int64_t dim, mt_tensor* out, int cap) {
  try {
    return write_pieces(mt::T(t).split_with_sizes(mt::dims(sizes, n), dim), out, cap);
  } MT_CATCH
  return -1;
}

mt_tensor mt_tensor_repeat(mt_tensor t, const int64_t* r, int n) { MT_TENSOR(mt::T(t).repeat(mt::dims(r, n))) }
mt_tensor mt_tensor_expand(mt_tensor t, const int64_t* s, int n) { MT_TENSOR(mt::T(t).expand(mt::dims(s, n))) }
mt_tensor mt_tensor_flatten(mt_tensor t, int64_t s, int64_t e) { MT_TENSOR(mt::T(t).flatten(s, e)) }
mt_tensor mt_tensor_squeeze(mt_tensor t, int64_t dim) { MT_TENSOR(mt::T(t).squeeze(dim)) }
mt_tensor mt_tensor_unsqueeze(mt_tensor t, int64_t dim) { MT_TENSOR(mt::T(t).unsqueeze(dim)) }
mt_tensor mt_tensor_contiguous(mt_tensor t) { MT_TENSOR(mt::T(t).contiguous()) }
mt_tensor mt_tensor_clone(mt_tensor t) { MT_TENSOR(mt::T(t).clone()) }
mt_tensor mt_tensor_detach(mt_tensor t) { MT_TENSOR(mt::T(t).detach()) }
mt_tensor mt_tensor_alias(mt_tensor t) { MT_TENSOR(mt::T(t)) }
mt_tensor mt_tensor_tril(mt_tensor t, int64_t d) { MT_TENSOR(mt::T(t).tril(d)) }
mt_tensor mt_tensor_triu(mt_tensor t, int64_t d) { MT_TENSOR(mt::T(t).triu(d)) }

mt_tensor mt_tensor_masked_fill(mt_tensor t, mt_tensor mask, double value) {
  MT_TENSOR(mt::T(t).masked_fill(mt::T(mask), value))
}

mt_tensor mt_tensor_where(mt_tensor cond, mt_tensor a, mt_tensor b) { MT_TENSOR(at::where(mt::T(cond), mt::T(a), mt::T(b))) }

mt_tensor mt_tensor_gather(mt_tensor t, int64_t dim, mt_tensor index) { MT_TENSOR(mt::T(t).gather(dim, mt::T(index))) }

}
