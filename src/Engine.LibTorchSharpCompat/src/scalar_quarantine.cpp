// libLibTorchSharp.so as MedVid's build outputs carry it: TorchSharp's own library, renamed
// libLibTorchSharp.real.so and named as this library's dependency (DT_NEEDED), supplies every export
// but one. TorchSharp loads its native binding by name and looks each function up through that one
// handle, which searches this library first and then its dependencies.
//
// The one export replaced is THSTorch_dispose_scalar. TorchSharp 0.107 turns a C# number into a
// temporary Scalar for many calls (`x * 0.5`, and the alpha of every `a + b`) and passes only the
// native handle on, so a garbage collection during the native call may run the Scalar's finalizer and
// free the handle while libtorch reads it (docs/engine.md, "Temporary Scalars and the garbage
// collector"). Here a disposed Scalar is freed only after it has been held for kHoldFor, far longer
// than any native call that reads a Scalar's value, and deletion itself stays libtorch's.
//
// C ABI (all callable from any thread):
//   void    THSTorch_dispose_scalar(void* scalar)    holds `scalar`, frees those held past kHoldFor
//   int64_t MedVid_scalar_quarantine_entered(void)    Scalars handed to the quarantine so far
//   int64_t MedVid_scalar_quarantine_released(void)   of those, how many have been freed
#include <dlfcn.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <mutex>
#include <vector>

#define MEDVID_EXPORT extern "C" __attribute__((visibility("default")))

namespace {

using Clock = std::chrono::steady_clock;
using DisposeScalar = void (*)(void*);

constexpr auto kHoldFor = std::chrono::seconds(2);
// Bounds the memory held (an at::Scalar is 32 bytes) should Scalars be disposed faster than
// this many per kHoldFor; past it the oldest is freed early.
constexpr std::size_t kMaxHeld = std::size_t{1} << 20;
constexpr const char* kRealLibrary = "libLibTorchSharp.real.so";

struct HeldScalar {
  void* scalar;
  Clock::time_point since;
};

DisposeScalar LookUpRealDispose() {
  // RTLD_NOLOAD: the library is already loaded as this one's dependency; this only finds it.
  void* library = dlopen(kRealLibrary, RTLD_LAZY | RTLD_NOLOAD);
  if (library == nullptr) {
    std::fprintf(stderr, "MedVid scalar quarantine: %s is not loaded: %s\n", kRealLibrary, dlerror());
    std::abort();
  }
  auto* dispose = reinterpret_cast<DisposeScalar>(dlsym(library, "THSTorch_dispose_scalar"));
  if (dispose == nullptr) {
    std::fprintf(stderr, "MedVid scalar quarantine: %s lacks THSTorch_dispose_scalar: %s\n", kRealLibrary, dlerror());
    std::abort();
  }
  // Drops only the reference this dlopen added; the dependency keeps the library loaded.
  if (dlclose(library) != 0) {
    std::fprintf(stderr, "MedVid scalar quarantine: dlclose(%s): %s\n", kRealLibrary, dlerror());
    std::abort();
  }
  return dispose;
}

class Quarantine {
 public:
  void Hold(void* scalar) {
    thread_local std::vector<void*> due;
    {
      const auto now = Clock::now();
      std::lock_guard<std::mutex> lock(mutex_);
      held_.push_back({scalar, now});
      ++entered_;
      while (!held_.empty() && (now - held_.front().since >= kHoldFor || held_.size() > kMaxHeld)) {
        due.push_back(held_.front().scalar);
        held_.pop_front();
        ++released_;
      }
    }
    // Freed outside the lock: libtorch's delete must not serialise other threads' disposals.
    for (void* expired : due) real_dispose_(expired);
    due.clear();
  }

  std::int64_t Entered() {
    std::lock_guard<std::mutex> lock(mutex_);
    return entered_;
  }

  std::int64_t Released() {
    std::lock_guard<std::mutex> lock(mutex_);
    return released_;
  }

 private:
  const DisposeScalar real_dispose_ = LookUpRealDispose();
  std::mutex mutex_;
  std::deque<HeldScalar> held_;
  std::int64_t entered_ = 0;
  std::int64_t released_ = 0;
};

// Never destroyed: finalizers may still dispose Scalars while the process exits.
Quarantine& TheQuarantine() {
  static auto* quarantine = new Quarantine();
  return *quarantine;
}

}  // namespace

MEDVID_EXPORT void THSTorch_dispose_scalar(void* scalar) {
  if (scalar != nullptr) TheQuarantine().Hold(scalar);
}

MEDVID_EXPORT std::int64_t MedVid_scalar_quarantine_entered() { return TheQuarantine().Entered(); }

MEDVID_EXPORT std::int64_t MedVid_scalar_quarantine_released() { return TheQuarantine().Released(); }
