/*
 * medvid_torch.h — the C ABI of MedVid's tensor engine shim over libtorch.
 *
 * Conventions (they hold for every export):
 *  - Handles (mt_tensor, mt_generator, mt_optimizer) are owned by the caller and freed
 *    exactly once with their *_free export. Freeing NULL is a no-op.
 *  - No libtorch exception ever leaves the shim. A failing call stores libtorch's message
 *    in a thread-local slot read by mt_error_last() and signals failure by returning
 *    NULL (handle results) or -1 (int results). Successful calls do not clear the slot;
 *    the caller reads it only after a failure signal.
 *  - dtype codes are c10::ScalarType values: 0 uint8, 4 int64, 5 float16, 6 float32,
 *    7 float64, 11 bool, 15 bfloat16 (3 int32 and 1 int8 are accepted too).
 *  - device: type 0 = CPU, 1 = CUDA (c10::DeviceType values) plus a device index.
 *  - Shapes and dimension lists are passed as (const int64_t* values, int count).
 *
 * Areas and prefixes: mt_error_, mt_runtime_ (threads, seeds), mt_tensor_ (creation,
 * shape, math), mt_nn_ (functional neural-network ops), mt_autograd_, mt_optim_, mt_cuda_.
 */
#ifndef MEDVID_TORCH_H
#define MEDVID_TORCH_H

#include <stdint.h>

#if defined(_WIN32)
#define MT_API __declspec(dllexport)
#else
#define MT_API __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mt_tensor_s* mt_tensor;
typedef struct mt_generator_s* mt_generator;
typedef struct mt_optimizer_s* mt_optimizer;

/* ---- error ---------------------------------------------------------------------- */
/* Message of the last failure on this thread (valid until the next failure). */
MT_API const char* mt_error_last(void);

/* ---- runtime -------------------------------------------------------------------- */
MT_API void mt_runtime_set_num_threads(int n);
MT_API int mt_runtime_get_num_threads(void);
/* Seeds the default CPU generator (and CUDA generators when present). */
MT_API void mt_runtime_manual_seed(uint64_t seed);

/* ---- cuda ----------------------------------------------------------------------- */
MT_API int mt_cuda_is_available(void);
MT_API int mt_cuda_device_count(void);
/* Waits for all kernels on the device; -1 on error (e.g. no CUDA build). */
MT_API int mt_cuda_synchronize(int device_index);

/* ---- tensor: lifetime, generators ----------------------------------------------- */
MT_API void mt_tensor_free(mt_tensor t);
/* A CPU random generator with its own seed (for reproducible init independent of others). */
MT_API mt_generator mt_tensor_generator_new(uint64_t seed);
MT_API void mt_tensor_generator_free(mt_generator g);

/* ---- tensor: creation ----------------------------------------------------------- */
MT_API mt_tensor mt_tensor_empty(const int64_t* shape, int ndim, int dtype, int dev_type, int dev_index);
MT_API mt_tensor mt_tensor_full(const int64_t* shape, int ndim, double value, int dtype, int dev_type, int dev_index);
MT_API mt_tensor mt_tensor_arange(double start, double end, double step, int dtype, int dev_type, int dev_index);
/* Normal(0,1) / Uniform[0,1) samples; gen may be NULL for the default generator. */
MT_API mt_tensor mt_tensor_randn(const int64_t* shape, int ndim, mt_generator gen, int dtype, int dev_type, int dev_index);
MT_API mt_tensor mt_tensor_rand(const int64_t* shape, int ndim, mt_generator gen, int dtype, int dev_type, int dev_index);
/* Integers in [low, high). */
MT_API mt_tensor mt_tensor_randint(int64_t low, int64_t high, const int64_t* shape, int ndim, mt_generator gen, int dtype, int dev_type, int dev_index);
/* Copies nbytes (must equal numel * element size) from host memory into a new CPU tensor. */
MT_API mt_tensor mt_tensor_from_data(const void* data, int64_t nbytes, const int64_t* shape, int ndim, int dtype);
/* Copies the tensor's elements (any device, any layout) to host memory in row-major order. */
MT_API int mt_tensor_copy_to_host(mt_tensor t, void* dst, int64_t nbytes);

/* ---- tensor: properties --------------------------------------------------------- */
MT_API int mt_tensor_dim(mt_tensor t);
/* Writes min(dim, cap) sizes into out; returns dim or -1. */
MT_API int mt_tensor_shape(mt_tensor t, int64_t* out, int cap);
MT_API int mt_tensor_dtype(mt_tensor t);
MT_API int mt_tensor_device(mt_tensor t, int* dev_type, int* dev_index);
MT_API int64_t mt_tensor_numel(mt_tensor t);
/* Value of a one-element tensor, converted to double. */
MT_API int mt_tensor_item(mt_tensor t, double* out);
MT_API int mt_tensor_is_contiguous(mt_tensor t);

/* ---- tensor: conversion and shape ----------------------------------------------- */
/* dtype -1 keeps the dtype; dev_type -1 keeps the device. */
MT_API mt_tensor mt_tensor_to(mt_tensor t, int dev_type, int dev_index, int dtype, int copy);
MT_API mt_tensor mt_tensor_reshape(mt_tensor t, const int64_t* shape, int ndim);
MT_API mt_tensor mt_tensor_view(mt_tensor t, const int64_t* shape, int ndim);
MT_API mt_tensor mt_tensor_permute(mt_tensor t, const int64_t* dims, int ndim);
MT_API mt_tensor mt_tensor_transpose(mt_tensor t, int64_t dim0, int64_t dim1);
MT_API mt_tensor mt_tensor_slice(mt_tensor t, int64_t dim, int64_t start, int64_t end, int64_t step);
MT_API mt_tensor mt_tensor_select(mt_tensor t, int64_t dim, int64_t index);
MT_API mt_tensor mt_tensor_index_select(mt_tensor t, int64_t dim, mt_tensor index);
MT_API mt_tensor mt_tensor_cat(const mt_tensor* ts, int n, int64_t dim);
MT_API mt_tensor mt_tensor_stack(const mt_tensor* ts, int n, int64_t dim);
/* Writes up to cap new handles into out; returns the number of pieces or -1. */
MT_API int mt_tensor_chunk(mt_tensor t, int64_t chunks, int64_t dim, mt_tensor* out, int cap);
MT_API int mt_tensor_split(mt_tensor t, const int64_t* sizes, int n, int64_t dim, mt_tensor* out, int cap);
MT_API mt_tensor mt_tensor_repeat(mt_tensor t, const int64_t* repeats, int n);
MT_API mt_tensor mt_tensor_expand(mt_tensor t, const int64_t* shape, int ndim);
MT_API mt_tensor mt_tensor_flatten(mt_tensor t, int64_t start_dim, int64_t end_dim);
MT_API mt_tensor mt_tensor_squeeze(mt_tensor t, int64_t dim);
MT_API mt_tensor mt_tensor_unsqueeze(mt_tensor t, int64_t dim);
MT_API mt_tensor mt_tensor_contiguous(mt_tensor t);
MT_API mt_tensor mt_tensor_clone(mt_tensor t);
MT_API mt_tensor mt_tensor_detach(mt_tensor t);
/* Another handle to the same tensor (same storage and autograd identity). */
MT_API mt_tensor mt_tensor_alias(mt_tensor t);
MT_API mt_tensor mt_tensor_tril(mt_tensor t, int64_t diagonal);
MT_API mt_tensor mt_tensor_triu(mt_tensor t, int64_t diagonal);
MT_API mt_tensor mt_tensor_masked_fill(mt_tensor t, mt_tensor mask, double value);
MT_API mt_tensor mt_tensor_where(mt_tensor cond, mt_tensor a, mt_tensor b);
MT_API mt_tensor mt_tensor_gather(mt_tensor t, int64_t dim, mt_tensor index);

/* ---- tensor: math --------------------------------------------------------------- */
/* Unary op codes. */
enum {
  MT_NEG = 0, MT_ABS, MT_EXP, MT_LOG, MT_SQRT, MT_RSQRT, MT_SIN, MT_COS, MT_TANH,
  MT_SIGMOID, MT_RELU, MT_GELU, MT_GELU_TANH, MT_SILU, MT_SQUARE, MT_FLOOR, MT_CEIL,
  MT_ROUND, MT_SIGN, MT_LOGICAL_NOT, MT_RECIPROCAL
};
/* Binary op codes (tensor-tensor with broadcasting, or tensor-scalar). */
enum {
  MT_ADD = 0, MT_SUB, MT_MUL, MT_DIV, MT_POW, MT_MAXIMUM, MT_MINIMUM, MT_EQ, MT_NE,
  MT_LT, MT_LE, MT_GT, MT_GE, MT_LOGICAL_AND, MT_LOGICAL_OR, MT_REMAINDER, MT_RSUB
};
/* Reduction op codes; ndims = 0 reduces over all elements. */
enum { MT_SUM = 0, MT_MEAN, MT_AMAX, MT_AMIN, MT_VAR, MT_STD, MT_NORM2, MT_PROD };

MT_API mt_tensor mt_tensor_unary(int op, mt_tensor t);
MT_API mt_tensor mt_tensor_binary(int op, mt_tensor a, mt_tensor b);
MT_API mt_tensor mt_tensor_binary_scalar(int op, mt_tensor a, double b);
MT_API mt_tensor mt_tensor_clamp(mt_tensor t, double min, double max);
/* a + alpha * b (fused). */
MT_API mt_tensor mt_tensor_add_scaled(mt_tensor a, mt_tensor b, double alpha);
MT_API mt_tensor mt_tensor_reduce(int op, mt_tensor t, const int64_t* dims, int ndims, int keepdim);
/* dim < -ndim (e.g. INT64_MIN) means argmax over all elements. */
MT_API mt_tensor mt_tensor_argmax(mt_tensor t, int64_t dim, int keepdim);
MT_API mt_tensor mt_tensor_matmul(mt_tensor a, mt_tensor b);
MT_API mt_tensor mt_tensor_bmm(mt_tensor a, mt_tensor b);
MT_API int mt_tensor_allclose(mt_tensor a, mt_tensor b, double rtol, double atol);

/* In-place updates (autograd rules of libtorch apply: leaves that require grad refuse). */
MT_API int mt_tensor_inplace_binary(int op, mt_tensor self, mt_tensor other);
MT_API int mt_tensor_inplace_scalar(int op, mt_tensor self, double value);
MT_API int mt_tensor_copy_(mt_tensor dst, mt_tensor src);
MT_API int mt_tensor_fill_(mt_tensor t, double value);
MT_API int mt_tensor_uniform_(mt_tensor t, double low, double high, mt_generator gen);
MT_API int mt_tensor_normal_(mt_tensor t, double mean, double std, mt_generator gen);
/* self += weight * (end - self): the EMA update. */
MT_API int mt_tensor_lerp_(mt_tensor self, mt_tensor end, double weight);

/* ---- nn functional -------------------------------------------------------------- */
/* bias may be NULL. */
MT_API mt_tensor mt_nn_linear(mt_tensor x, mt_tensor weight, mt_tensor bias);
MT_API mt_tensor mt_nn_softmax(mt_tensor x, int64_t dim);
MT_API mt_tensor mt_nn_log_softmax(mt_tensor x, int64_t dim);
MT_API mt_tensor mt_nn_layer_norm(mt_tensor x, const int64_t* shape, int ndim, mt_tensor weight, mt_tensor bias, double eps);
MT_API mt_tensor mt_nn_group_norm(mt_tensor x, int64_t groups, mt_tensor weight, mt_tensor bias, double eps);
/* Convolution of spatial rank nsp (1..3); stride/padding/dilation/output_padding have nsp
   entries; transposed != 0 selects the transposed convolution. bias may be NULL. */
MT_API mt_tensor mt_nn_convolution(mt_tensor x, mt_tensor weight, mt_tensor bias, int nsp,
                                   const int64_t* stride, const int64_t* padding, const int64_t* dilation,
                                   int transposed, const int64_t* output_padding, int64_t groups);
/* mode: 0 nearest, 1 (bi/tri)linear by rank, 2 bicubic (4-D only). */
MT_API mt_tensor mt_nn_interpolate(mt_tensor x, const int64_t* size, int nsp, int mode, int align_corners);
/* pads as in torch.nn.functional.pad (last dimension first); mode 0 constant, 1 reflect, 2 replicate, 3 circular. */
MT_API mt_tensor mt_nn_pad(mt_tensor x, const int64_t* pads, int n, int mode, double value);
MT_API mt_tensor mt_nn_embedding(mt_tensor weight, mt_tensor indices);
MT_API mt_tensor mt_nn_dropout(mt_tensor x, double p, int train, mt_generator gen);
/* q,k,v: (..., L|S, E). mask may be NULL; a bool mask is true where attention is allowed,
   a float mask is added to the scores. */
MT_API mt_tensor mt_nn_scaled_dot_product_attention(mt_tensor q, mt_tensor k, mt_tensor v, mt_tensor mask,
                                                    double dropout_p, int is_causal);
/* reduction: 0 none, 1 mean, 2 sum. */
MT_API mt_tensor mt_nn_mse_loss(mt_tensor input, mt_tensor target, int reduction);
MT_API mt_tensor mt_nn_cross_entropy(mt_tensor logits, mt_tensor target, int reduction);

/* ---- autograd ------------------------------------------------------------------- */
MT_API int mt_autograd_set_requires_grad(mt_tensor t, int requires_grad);
MT_API int mt_autograd_requires_grad(mt_tensor t);
MT_API int mt_autograd_is_leaf(mt_tensor t);
/* grad may be NULL for scalar outputs. */
MT_API int mt_autograd_backward(mt_tensor t, mt_tensor grad, int retain_graph);
/* *out receives a new handle, or NULL when no gradient is defined. */
MT_API int mt_autograd_grad(mt_tensor t, mt_tensor* out);
/* grad NULL clears the gradient. */
MT_API int mt_autograd_set_grad(mt_tensor t, mt_tensor grad);
/* Sets this thread's grad mode; returns the previous mode. */
MT_API int mt_autograd_set_enabled(int enabled);
MT_API int mt_autograd_is_enabled(void);

/* ---- optim ---------------------------------------------------------------------- */
MT_API mt_optimizer mt_optim_adamw_new(const mt_tensor* params, int n, double lr, double beta1, double beta2,
                                       double eps, double weight_decay, int amsgrad);
MT_API mt_optimizer mt_optim_sgd_new(const mt_tensor* params, int n, double lr, double momentum, double dampening,
                                     double weight_decay, int nesterov);
MT_API void mt_optim_free(mt_optimizer opt);
MT_API int mt_optim_step(mt_optimizer opt);
/* set_to_none != 0 drops the gradients instead of zeroing them. */
MT_API int mt_optim_zero_grad(mt_optimizer opt, int set_to_none);
MT_API int mt_optim_set_lr(mt_optimizer opt, double lr);
MT_API int mt_optim_get_lr(mt_optimizer opt, double* lr);
/* AdamW state of parameter `index`: returns 1 and new handles when the state exists,
   0 when the parameter has not been stepped yet, -1 on error. */
MT_API int mt_optim_adamw_get_state(mt_optimizer opt, int index, int64_t* step, mt_tensor* exp_avg, mt_tensor* exp_avg_sq);
/* Replaces the state of parameter `index` with copies of the given tensors. */
MT_API int mt_optim_adamw_set_state(mt_optimizer opt, int index, int64_t step, mt_tensor exp_avg, mt_tensor exp_avg_sq);
/* SGD momentum buffer: 1 and a handle when present, 0 when absent. */
MT_API int mt_optim_sgd_get_state(mt_optimizer opt, int index, mt_tensor* momentum_buffer);
MT_API int mt_optim_sgd_set_state(mt_optimizer opt, int index, mt_tensor momentum_buffer);
/* Scales gradients in place so that their joint norm is at most max_norm; *total_norm
   receives the norm before clipping. */
MT_API int mt_optim_clip_grad_norm(const mt_tensor* params, int n, double max_norm, double norm_type, double* total_norm);

#ifdef __cplusplus
}
#endif

#endif
