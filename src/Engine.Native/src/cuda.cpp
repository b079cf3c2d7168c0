// CUDA queries. They answer "none" on a CPU-only libtorch instead of failing.
#include "common.h"

#include <ATen/Context.h>

extern "C" {

int mt_cuda_is_available(void) {
  try {
    return at::hasCUDA() && at::detail::getCUDAHooks().getNumGPUs() > 0 ? 1 : 0;
  } MT_CATCH
  return 0;
}

int mt_cuda_device_count(void) {
  try {
    return at::hasCUDA() ? at::detail::getCUDAHooks().getNumGPUs() : 0;
  } MT_CATCH
  return 0;
}

int mt_cuda_synchronize(int device_index) {
  MT_STATUS({
    if (!at::hasCUDA()) throw std::runtime_error("CUDA is not available in this libtorch build");
    at::detail::getCUDAHooks().deviceSynchronize(static_cast<int64_t>(device_index));
  })
}

}
