// Shared plumbing of the shim: handle conversion and the one catch macro every export uses.
#pragma once

#include <ATen/ATen.h>
#include <c10/util/Exception.h>

#include <exception>
#include <stdexcept>
#include <string>
#include <vector>

#include "medvid_torch.h"

namespace mt {

void set_error(const char* message);

inline at::Tensor& T(mt_tensor h) {
  if (h == nullptr) throw std::invalid_argument("null tensor handle");
  return *reinterpret_cast<at::Tensor*>(h);
}

// Optional tensor argument: NULL handle means "absent".
inline c10::optional<at::Tensor> opt(mt_tensor h) {
  if (h == nullptr) return c10::nullopt;
  return *reinterpret_cast<at::Tensor*>(h);
}

// Undefined tensor for APIs that take `const Tensor&` meaning "absent".
inline at::Tensor or_undefined(mt_tensor h) {
  return h == nullptr ? at::Tensor() : *reinterpret_cast<at::Tensor*>(h);
}

inline mt_tensor wrap(at::Tensor t) { return reinterpret_cast<mt_tensor>(new at::Tensor(std::move(t))); }

inline at::IntArrayRef dims(const int64_t* values, int n) {
  if (n < 0 || (n > 0 && values == nullptr)) throw std::invalid_argument("invalid dimension list");
  return at::IntArrayRef(values, static_cast<size_t>(n));
}

at::ScalarType scalar_type(int dtype);
at::Device device(int dev_type, int dev_index);
at::TensorOptions options(int dtype, int dev_type, int dev_index);
c10::optional<at::Generator> generator(mt_generator g);
std::vector<at::Tensor> tensors(const mt_tensor* ts, int n);

}  // namespace mt

// Every export body runs inside MT_TRY; any exception becomes a stored message.
// c10::Error is caught first to drop its C++ backtrace from the message; std::exception
// and `...` catch everything else so nothing unwinds into the managed caller.
#define MT_CATCH                                                             \
  catch (const c10::Error& e) { mt::set_error(e.what_without_backtrace()); } \
  catch (const std::exception& e) { mt::set_error(e.what()); }               \
  catch (...) { mt::set_error("unknown native exception"); }

// Export returning a new tensor handle, or NULL on failure.
#define MT_TENSOR(expr)            \
  try {                            \
    return mt::wrap(expr);         \
  }                                \
  MT_CATCH                         \
  return nullptr;

// Export returning an int status (0 ok, -1 failure) after running `body`.
#define MT_STATUS(body) \
  try {                 \
    body;               \
    return 0;           \
  }                     \
  MT_CATCH              \
  return -1;
