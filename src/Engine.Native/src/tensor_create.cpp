// Tensor creation, host transfer, properties and random generators.
#include "common.h"

#include <ATen/CPUGeneratorImpl.h>

#include <cstring>

extern "C" {

void mt_tensor_free(mt_tensor t) { delete reinterpret_cast<at::Tensor*>(t); }

mt_generator mt_tensor_generator_new(uint64_t seed) {
  try {
    return reinterpret_cast<mt_generator>(new at::Generator(at::detail::createCPUGenerator(seed)));
  } MT_CATCH
  return nullptr;
}

void mt_tensor_generator_free(mt_generator g) { delete reinterpret_cast<at::Generator*>(g); }

mt_tensor mt_tensor_empty(const int64_t* shape, int ndim, int dtype, int dev_type, int dev_index) {
  MT_TENSOR(at::empty(mt::dims(shape, ndim), mt::options(dtype, dev_type, dev_index)))
}

mt_tensor mt_tensor_full(const int64_t* shape, int ndim, double value, int dtype, int dev_type, int dev_index) {
  MT_TENSOR(at::full(mt::dims(shape, ndim), value, mt::options(dtype, dev_type, dev_index)))
}

mt_tensor mt_tensor_arange(double start, double end, double step, int dtype, int dev_type, int dev_index) {
  MT_TENSOR(at::arange(start, end, step, mt::options(dtype, dev_type, dev_index)))
}

mt_tensor mt_tensor_randn(const int64_t* shape, int ndim, mt_generator gen, int dtype, int dev_type, int dev_index) {
  MT_TENSOR(at::randn(mt::dims(shape, ndim), mt::generator(gen), mt::options(dtype, dev_type, dev_index)))
}

mt_tensor mt_tensor_rand(const int64_t* shape, int ndim, mt_generator gen, int dtype, int dev_type, int dev_index) {
  MT_TENSOR(at::rand(mt::dims(shape, ndim), mt::generator(gen), mt::options(dtype, dev_type, dev_index)))
}

mt_tensor mt_tensor_randint(int64_t low, int64_t high, const int64_t* shape, int ndim, mt_generator gen, int dtype,
                            int dev_type, int dev_index) {
  MT_TENSOR(at::randint(low, high, mt::dims(shape, ndim), mt::generator(gen), mt::options(dtype, dev_type, dev_index)))
}

mt_tensor mt_tensor_from_data(const void* data, int64_t nbytes, const int64_t* shape, int ndim, int dtype) {
  try {
    auto result = at::empty(mt::dims(shape, ndim), at::TensorOptions().dtype(mt::scalar_type(dtype)));
    const int64_t expected = result.numel() * static_cast<int64_t>(result.element_size());
    if (expected != nbytes)
      throw std::invalid_argument("from_data: " + std::to_string(nbytes) + " bytes given, shape needs " +
                                  std::to_string(expected));
    if (nbytes > 0) {
      if (data == nullptr) throw std::invalid_argument("from_data: null data pointer");
      std::memcpy(result.data_ptr(), data, static_cast<size_t>(nbytes));
    }
    return mt::wrap(std::move(result));
  } MT_CATCH
  return nullptr;
}

int mt_tensor_copy_to_host(mt_tensor t, void* dst, int64_t nbytes) {
  MT_STATUS({
    auto src = mt::T(t).detach().to(at::kCPU).contiguous();
    const int64_t have = src.numel() * static_cast<int64_t>(src.element_size());
    if (have != nbytes)
      throw std::invalid_argument("copy_to_host: tensor has " + std::to_string(have) + " bytes, buffer " +
                                  std::to_string(nbytes));
    if (nbytes > 0) {
      if (dst == nullptr) throw std::invalid_argument("copy_to_host: null destination");
      std::memcpy(dst, src.data_ptr(), static_cast<size_t>(nbytes));
    }
  })
}

int mt_tensor_dim(mt_tensor t) {
  try {
    return static_cast<int>(mt::T(t).dim());
  } MT_CATCH
  return -1;
}

int mt_tensor_shape(mt_tensor t, int64_t* out, int cap) {
  try {
    const auto& x = mt::T(t);
    const int d = static_cast<int>(x.dim());
    for (int i = 0; i < d && i < cap; ++i) out[i] = x.size(i);
    return d;
  } MT_CATCH
  return -1;
}

int mt_tensor_dtype(mt_tensor t) {
  try {
    return static_cast<int>(mt::T(t).scalar_type());
  } MT_CATCH
  return -1;
}

int mt_tensor_device(mt_tensor t, int* dev_type, int* dev_index) {
  MT_STATUS({
    const auto d = mt::T(t).device();
    *dev_type = static_cast<int>(d.type());
    *dev_index = d.has_index() ? d.index() : 0;
  })
}

int64_t mt_tensor_numel(mt_tensor t) {
  try {
    return mt::T(t).numel();
  } MT_CATCH
  return -1;
}

int mt_tensor_item(mt_tensor t, double* out) { MT_STATUS(*out = mt::T(t).item<double>()) }

int mt_tensor_is_contiguous(mt_tensor t) {
  try {
    return mt::T(t).is_contiguous() ? 1 : 0;
  } MT_CATCH
  return -1;
}

}
