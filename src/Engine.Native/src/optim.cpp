// libtorch's C++ optimizers behind opaque handles, their per-parameter state, and
// gradient-norm clipping.
#include "common.h"

#include <torch/types.h>
#include <torch/nn/utils/clip_grad.h>
#include <torch/optim/adamw.h>
#include <torch/optim/sgd.h>

#include <memory>
#include <type_traits>

struct mt_optimizer_s {
  std::unique_ptr<torch::optim::Optimizer> impl;
  std::vector<at::Tensor> params;  // in registration order: the index space of the state API
};

namespace {

mt_optimizer_s& O(mt_optimizer h) {
  if (h == nullptr) throw std::invalid_argument("null optimizer handle");
  return *h;
}

const at::Tensor& param(mt_optimizer_s& o, int index) {
  if (index < 0 || static_cast<size_t>(index) >= o.params.size())
    throw std::out_of_range("optimizer has no parameter " + std::to_string(index));
  return o.params[static_cast<size_t>(index)];
}

// libtorch keys optimizer state by the parameter's TensorImpl address: as a string in 1.x,
// as the pointer itself in newer releases. The key type is read off the state map.
using StateKey = std::decay_t<decltype(std::declval<torch::optim::Optimizer&>().state())>::key_type;

template <typename Key>
Key key_of(const at::Tensor& p) {
  if constexpr (std::is_same_v<Key, std::string>) return c10::guts::to_string(p.unsafeGetTensorImpl());
  else return static_cast<Key>(p.unsafeGetTensorImpl());
}

StateKey key(const at::Tensor& p) { return key_of<StateKey>(p); }

template <typename State>
State* find_state(mt_optimizer_s& o, int index) {
  auto& states = o.impl->state();
  auto it = states.find(key(param(o, index)));
  if (it == states.end()) return nullptr;
  auto* s = dynamic_cast<State*>(it->second.get());
  if (s == nullptr) throw std::invalid_argument("optimizer state has a different kind");
  return s;
}

template <typename Options>
Options& options(mt_optimizer_s& o) {
  auto* opts = dynamic_cast<Options*>(&o.impl->param_groups().at(0).options());
  if (opts == nullptr) throw std::invalid_argument("optimizer is of a different kind");
  return *opts;
}

// Copies owned by the optimizer, so later in-place updates never alias caller tensors.
at::Tensor owned_copy(mt_tensor t, const at::Tensor& like) {
  return mt::T(t).detach().to(like.device(), like.scalar_type(), false, true).reshape(like.sizes());
}

}  // namespace

extern "C" {

mt_optimizer mt_optim_adamw_new(const mt_tensor* params, int n, double lr, double beta1, double beta2, double eps,
                                double weight_decay, int amsgrad) {
  try {
    auto h = std::make_unique<mt_optimizer_s>();
    h->params = mt::tensors(params, n);
    auto opts = torch::optim::AdamWOptions(lr).betas({beta1, beta2}).eps(eps).weight_decay(weight_decay).amsgrad(amsgrad != 0);
    h->impl = std::make_unique<torch::optim::AdamW>(h->params, opts);
    return h.release();
  } MT_CATCH
  return nullptr;
}

mt_optimizer mt_optim_sgd_new(const mt_tensor* params, int n, double lr, double momentum, double dampening,
                              double weight_decay, int nesterov) {
  try {
    auto h = std::make_unique<mt_optimizer_s>();
    h->params = mt::tensors(params, n);
    auto opts = torch::optim::SGDOptions(lr).momentum(momentum).dampening(dampening).weight_decay(weight_decay).nesterov(nesterov != 0);
    h->impl = std::make_unique<torch::optim::SGD>(h->params, opts);
    return h.release();
  } MT_CATCH
  return nullptr;
}

void mt_optim_free(mt_optimizer opt) { delete opt; }

int mt_optim_step(mt_optimizer opt) { MT_STATUS(O(opt).impl->step()) }

int mt_optim_zero_grad(mt_optimizer opt, int set_to_none) {
  MT_STATUS({
    for (auto& p : O(opt).params) {
      auto& g = p.mutable_grad();
      if (!g.defined()) continue;
      if (set_to_none != 0) {
        g.reset();
      } else {
        g = g.detach();
        g.zero_();
      }
    }
  })
}

int mt_optim_set_lr(mt_optimizer opt, double lr) {
  MT_STATUS(for (auto& group : O(opt).impl->param_groups()) group.options().set_lr(lr))
}

int mt_optim_get_lr(mt_optimizer opt, double* lr) { MT_STATUS(*lr = O(opt).impl->param_groups().at(0).options().get_lr()) }

int mt_optim_adamw_get_state(mt_optimizer opt, int index, int64_t* step, mt_tensor* exp_avg, mt_tensor* exp_avg_sq) {
  try {
    auto& o = O(opt);
    options<torch::optim::AdamWOptions>(o);
    auto* s = find_state<torch::optim::AdamWParamState>(o, index);
    if (s == nullptr) return 0;
    *step = s->step();
    *exp_avg = mt::wrap(s->exp_avg());
    *exp_avg_sq = mt::wrap(s->exp_avg_sq());
    return 1;
  } MT_CATCH
  return -1;
}

int mt_optim_adamw_set_state(mt_optimizer opt, int index, int64_t step, mt_tensor exp_avg, mt_tensor exp_avg_sq) {
  MT_STATUS({
    auto& o = O(opt);
    const bool amsgrad = options<torch::optim::AdamWOptions>(o).amsgrad();
    const auto& p = param(o, index);
    auto s = std::make_unique<torch::optim::AdamWParamState>();
    s->step(step);
    s->exp_avg(owned_copy(exp_avg, p));
    s->exp_avg_sq(owned_copy(exp_avg_sq, p));
    if (amsgrad) s->max_exp_avg_sq(at::zeros_like(p, at::MemoryFormat::Preserve));
    o.impl->state()[key(p)] = std::move(s);
  })
}

int mt_optim_sgd_get_state(mt_optimizer opt, int index, mt_tensor* momentum_buffer) {
  try {
    auto& o = O(opt);
    options<torch::optim::SGDOptions>(o);
    auto* s = find_state<torch::optim::SGDParamState>(o, index);
    if (s == nullptr || !s->momentum_buffer().defined()) return 0;
    *momentum_buffer = mt::wrap(s->momentum_buffer());
    return 1;
  } MT_CATCH
  return -1;
}

int mt_optim_sgd_set_state(mt_optimizer opt, int index, mt_tensor momentum_buffer) {
  MT_STATUS({
    auto& o = O(opt);
    options<torch::optim::SGDOptions>(o);
    const auto& p = param(o, index);
    auto s = std::make_unique<torch::optim::SGDParamState>();
    s->momentum_buffer(owned_copy(momentum_buffer, p));
    o.impl->state()[key(p)] = std::move(s);
  })
}

int mt_optim_clip_grad_norm(const mt_tensor* params, int n, double max_norm, double norm_type, double* total_norm) {
  MT_STATUS(*total_norm = torch::nn::utils::clip_grad_norm_(mt::tensors(params, n), max_norm, norm_type))
}

}
