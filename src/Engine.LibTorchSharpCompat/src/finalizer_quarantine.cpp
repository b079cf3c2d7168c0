// libLibTorchSharp.so as MedVid's build outputs carry it: TorchSharp's own library, renamed
// libLibTorchSharp.real.so and named as this library's dependency (DT_NEEDED), supplies every export
// but two. TorchSharp loads its native binding by name and looks each function up through that one
// handle, which searches this library first and then its dependencies.
//
// The two replaced are the disposals of Scalars and Tensors. TorchSharp 0.107 passes native handles,
// not the objects, to libtorch, so an object nothing references after the call has begun (a temporary
// Scalar made from a C# number for `x * 0.5` or the alpha of every `a + b`; a temporary Tensor such as
// `z[0]` in `z[0].ToSingle()`) may be finalized by a garbage collection during the call, and libtorch
// then reads freed memory (docs/engine.md, "Temporary Scalars and Tensors and the garbage collector").
// Here a disposal that comes from the .NET finalizer thread is held for kHoldFor, far longer than any
// native call, before TorchSharp's own disposal runs; a disposal by the owner (Dispose, a using, a
// dispose scope) runs at once, as before.
//
// C ABI (callable from any thread):
//   void THSTorch_dispose_scalar(void* scalar)   replaces TorchSharp's; see above
//   void THSTensor_dispose(void* tensor)         replaces TorchSharp's; see above
//   int  MedVid_quarantine_counts(int kind, int64_t* entered, int64_t* released)
//        kind 0: Scalars, 1: Tensors. How many finalized objects entered the quarantine so far and how
//        many of those have been freed. Returns 0, or -1 for an unknown kind or a null pointer.
#include <dlfcn.h>
#include <pthread.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <mutex>
#include <vector>

#define MEDVID_EXPORT extern "C" __attribute__((visibility("default")))

namespace {

using Clock = std::chrono::steady_clock;
using DisposeFunction = void (*)(void*);

constexpr auto kHoldFor = std::chrono::seconds(2);
// Bounds what is held should the finalizer free objects faster than this many per kHoldFor; past it
// the oldest is freed early.
constexpr std::size_t kMaxHeld = std::size_t{1} << 20;
constexpr const char* kRealLibrary = "libLibTorchSharp.real.so";
// The name CoreCLR gives its finalizer thread (pthread names hold at most 15 characters).
constexpr const char* kFinalizerThreadName = ".NET Finalizer";

[[noreturn]] void Fail(const char* what, const char* detail) {
  std::fprintf(stderr, "MedVid finalizer quarantine: %s: %s\n", what, detail != nullptr ? detail : "");
  std::abort();
}

DisposeFunction LookUpReal(const char* name) {
  // RTLD_NOLOAD: the library is already loaded as this one's dependency; this only finds it.
  void* library = dlopen(kRealLibrary, RTLD_LAZY | RTLD_NOLOAD);
  if (library == nullptr) Fail("the real library is not loaded", dlerror());
  auto* dispose = reinterpret_cast<DisposeFunction>(dlsym(library, name));
  if (dispose == nullptr) Fail(name, dlerror());
  // Drops only the reference this dlopen added; the dependency keeps the library loaded.
  if (dlclose(library) != 0) Fail("dlclose", dlerror());
  return dispose;
}

bool OnFinalizerThread() {
  thread_local const int on_finalizer = [] {
    char name[16] = {};
    const int error = pthread_getname_np(pthread_self(), name, sizeof name);
    if (error != 0) Fail("pthread_getname_np", std::strerror(error));
    return std::strcmp(name, kFinalizerThreadName) == 0 ? 1 : 0;
  }();
  return on_finalizer == 1;
}

class Quarantine {
 public:
  explicit Quarantine(const char* real_dispose) : real_dispose_(LookUpReal(real_dispose)) {}

  void Dispose(void* handle) {
    if (!OnFinalizerThread()) {
      real_dispose_(handle);
      return;
    }
    thread_local std::vector<void*> due;
    {
      const auto now = Clock::now();
      std::lock_guard<std::mutex> lock(mutex_);
      held_.push_back({handle, now});
      ++entered_;
      while (!held_.empty() && (now - held_.front().since >= kHoldFor || held_.size() > kMaxHeld)) {
        due.push_back(held_.front().handle);
        held_.pop_front();
        ++released_;
      }
    }
    // Freed outside the lock: libtorch's frees need not wait for other disposals.
    for (void* expired : due) real_dispose_(expired);
    due.clear();
  }

  void Counts(std::int64_t* entered, std::int64_t* released) {
    std::lock_guard<std::mutex> lock(mutex_);
    *entered = entered_;
    *released = released_;
  }

 private:
  struct Held {
    void* handle;
    Clock::time_point since;
  };

  const DisposeFunction real_dispose_;
  std::mutex mutex_;
  std::deque<Held> held_;
  std::int64_t entered_ = 0;
  std::int64_t released_ = 0;
};

// Never destroyed: finalizers may still run while the process exits.
Quarantine& Scalars() {
  static auto* quarantine = new Quarantine("THSTorch_dispose_scalar");
  return *quarantine;
}

Quarantine& Tensors() {
  static auto* quarantine = new Quarantine("THSTensor_dispose");
  return *quarantine;
}

}  // namespace

MEDVID_EXPORT void THSTorch_dispose_scalar(void* scalar) { Scalars().Dispose(scalar); }

MEDVID_EXPORT void THSTensor_dispose(void* tensor) { Tensors().Dispose(tensor); }

MEDVID_EXPORT int MedVid_quarantine_counts(int kind, std::int64_t* entered, std::int64_t* released) {
  if (entered == nullptr || released == nullptr) return -1;
  switch (kind) {
    case 0: Scalars().Counts(entered, released); return 0;
    case 1: Tensors().Counts(entered, released); return 0;
    default: return -1;
  }
}
