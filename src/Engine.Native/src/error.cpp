// The thread-local error slot behind mt_error_last and the dtype/device translations.
#include "common.h"

namespace {
thread_local std::string last_error;
}

namespace mt {

void set_error(const char* message) {
  try {
    last_error = message != nullptr ? message : "unknown native exception";
  } catch (...) {
    // Out of memory while storing the message: keep whatever was there.
  }
}

at::ScalarType scalar_type(int dtype) {
  switch (dtype) {
    case 0: return at::kByte;
    case 1: return at::kChar;
    case 3: return at::kInt;
    case 4: return at::kLong;
    case 5: return at::kHalf;
    case 6: return at::kFloat;
    case 7: return at::kDouble;
    case 11: return at::kBool;
    case 15: return at::kBFloat16;
    default: throw std::invalid_argument("unsupported dtype code " + std::to_string(dtype));
  }
}

at::Device device(int dev_type, int dev_index) {
  switch (dev_type) {
    case 0: return at::Device(at::kCPU);
    case 1: return at::Device(at::kCUDA, static_cast<c10::DeviceIndex>(dev_index < 0 ? 0 : dev_index));
    default: throw std::invalid_argument("unsupported device type " + std::to_string(dev_type));
  }
}

at::TensorOptions options(int dtype, int dev_type, int dev_index) {
  return at::TensorOptions().dtype(scalar_type(dtype)).device(device(dev_type, dev_index));
}

c10::optional<at::Generator> generator(mt_generator g) {
  if (g == nullptr) return c10::nullopt;
  return *reinterpret_cast<at::Generator*>(g);
}

std::vector<at::Tensor> tensors(const mt_tensor* ts, int n) {
  if (n < 0 || (n > 0 && ts == nullptr)) throw std::invalid_argument("invalid tensor list");
  std::vector<at::Tensor> result;
  result.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) result.push_back(T(ts[i]));
  return result;
}

}  // namespace mt

extern "C" const char* mt_error_last(void) { return last_error.c_str(); }
