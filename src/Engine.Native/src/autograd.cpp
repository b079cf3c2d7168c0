// Autograd: requires_grad flags, backward, gradients and the thread's grad mode.
#include "common.h"

#include <ATen/core/grad_mode.h>

extern "C" {

int mt_autograd_set_requires_grad(mt_tensor t, int flag) { MT_STATUS(mt::T(t).requires_grad_(flag != 0)) }

int mt_autograd_requires_grad(mt_tensor t) {
  try {
    return mt::T(t).requires_grad() ? 1 : 0;
  } MT_CATCH
  return -1;
}

int mt_autograd_is_leaf(mt_tensor t) {
  try {
    return mt::T(t).is_leaf() ? 1 : 0;
  } MT_CATCH
  return -1;
}

int mt_autograd_backward(mt_tensor t, mt_tensor grad, int retain_graph) {
  MT_STATUS(mt::T(t).backward(mt::or_undefined(grad), retain_graph != 0 ? c10::optional<bool>(true) : c10::nullopt))
}

int mt_autograd_grad(mt_tensor t, mt_tensor* out) {
  MT_STATUS({
    const auto& g = mt::T(t).grad();
    *out = g.defined() ? mt::wrap(g) : nullptr;
  })
}

int mt_autograd_set_grad(mt_tensor t, mt_tensor grad) {
  MT_STATUS({
    auto& slot = mt::T(t).mutable_grad();
    if (grad == nullptr) slot.reset();
    else slot = mt::T(grad);
  })
}

int mt_autograd_set_enabled(int enabled) {
  const bool previous = at::GradMode::is_enabled();
  at::GradMode::set_enabled(enabled != 0);
  return previous ? 1 : 0;
}

int mt_autograd_is_enabled(void) { return at::GradMode::is_enabled() ? 1 : 0; }

}
