#include "controller/allocator.h"

#include "controller/memory.h"

#if defined(DRIFTLESS_JEMALLOC)
#include <jemalloc/jemalloc.h>

#include <cstdlib>
#include <string>

// Read by jemalloc at its first allocation, before main(). Two arenas: each
// thread that allocates would otherwise get its own (4 per core), and the
// blocking pool that loads manifests and the io threads each keep what they
// freed. Freed pages go back to the system at once (decay 0): the peak of a
// cycle is then its heap plus jemalloc's own few MiB, where glibc's arenas held
// 50-70 MiB above the heap at 10,000 resources (docs/performance.md, "Memory").
// MALLOC_CONF in the environment still overrides it.
const char* malloc_conf = "narenas:2,dirty_decay_ms:0,muzzy_decay_ms:0";
#elif defined(DRIFTLESS_MIMALLOC)
#include <mimalloc.h>
#elif defined(__GLIBC__)
#include <malloc.h>
#endif

namespace driftless::controller {

namespace {

#if defined(DRIFTLESS_JEMALLOC)
void releaseJemalloc() {
  // Decay 0 returns dirty pages already; a purge of every arena also drops what
  // a MALLOC_CONF override kept.
  static_assert(MALLCTL_ARENAS_ALL == 4096);
  mallctl("arena.4096.purge", nullptr, nullptr, nullptr, 0);
}

// `driftless plan`: dirty pages decay over 1 s instead of at once. With decay 0 a
// 10,000-resource plan made 20,000 madvise calls, and its next phase faulted the
// pages back in: about 0.1 s of its 2.5 s of CPU, at the same peak RSS. (The daemon
// keeps decay 0: 1 s raised its SIGHUP cycles' peak by 6 MiB, near the 192 MiB
// goal; docs/performance.md, "CPU".) MALLOC_CONF in the environment still wins.
void keepJemallocPages() {
  if (std::getenv("MALLOC_CONF")) return;
  ssize_t ms = 1000;
  mallctl("arenas.dirty_decay_ms", nullptr, nullptr, &ms, sizeof ms);  // arenas made later
  unsigned arenas = 0;
  size_t size = sizeof arenas;
  if (mallctl("arenas.narenas", &arenas, &size, nullptr, 0) != 0) return;
  for (unsigned i = 0; i < arenas; ++i) {
    // an arena not made yet refuses it; "arenas.dirty_decay_ms" above covers it
    std::string name = "arena." + std::to_string(i) + ".dirty_decay_ms";
    mallctl(name.c_str(), nullptr, nullptr, &ms, sizeof ms);
  }
}
#elif defined(DRIFTLESS_MIMALLOC)
void releaseMimalloc() {
  mi_collect(true);
}
#endif

}  // namespace

void configureAllocator() {
#if defined(DRIFTLESS_JEMALLOC)
  setReleaseFreedMemory(&releaseJemalloc);
  setKeepFreedPages(&keepJemallocPages);
#elif defined(DRIFTLESS_MIMALLOC)
  // Freed pages are reset (MADV_FREE) at once instead of after 25 ms: the pages
  // of the observations, freed as the plan takes them over, would otherwise
  // stay resident through the cycle's peak.
  mi_option_set(mi_option_page_reset, 1);
  mi_option_set(mi_option_decommit_delay, 0);
  setReleaseFreedMemory(&releaseMimalloc);
#elif defined(__GLIBC__)
  // glibc gives each thread that allocates its own arena (up to 8 per core): the
  // blocking pool that loads manifests and the io threads then each keep the
  // memory they freed, which only they reuse. Two arenas cut the 10,000-resource
  // no-op plan's peak RSS from 260 to 200 MiB at no measurable CPU cost.
  mallopt(M_ARENA_MAX, 2);
#endif
}

}  // namespace driftless::controller
