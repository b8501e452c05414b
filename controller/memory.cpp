#include "controller/memory.h"

#include <atomic>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace driftless::controller {

namespace {

std::atomic<ReleaseFreedMemory> installed{nullptr};
std::atomic<KeepFreedPages> keeper{nullptr};

}  // namespace

void setReleaseFreedMemory(ReleaseFreedMemory release) {
  installed.store(release);
}

void releaseFreedMemory() {
  if (auto release = installed.load()) {
    release();
    return;
  }
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
}

void setKeepFreedPages(KeepFreedPages keep) {
  keeper.store(keep);
}

void keepFreedPages() {
  if (auto keep = keeper.load()) keep();
}

}  // namespace driftless::controller
