// Process-wide settings: intra-op threads and the default random seed.
#include "common.h"

#include <ATen/Parallel.h>

extern "C" {

void mt_runtime_set_num_threads(int n) {
  try {
    if (n > 0) at::set_num_threads(n);
  } MT_CATCH
}

int mt_runtime_get_num_threads(void) { return at::get_num_threads(); }

void mt_runtime_manual_seed(uint64_t seed) {
  try {
    at::manual_seed(seed);
  } MT_CATCH
}

}
