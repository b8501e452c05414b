// Git source costs: a fetch that brings nothing new (served by `git daemon`),
// and the snapshot of a commit with 1,000 manifest files. Allocations are
// counted from both C++ operator new and libgit2's allocator (GIT_OPT_SET_ALLOCATOR).
#include <benchmark/benchmark.h>
#include <git2.h>
#include <git2/sys/alloc.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <new>

#include "gitsource/repository.h"
#include "tests/support/git_peer.h"
#include "tests/support/peer.h"

namespace {

std::atomic<std::size_t> gAllocations{0};

void* countedMalloc(size_t n, const char*, int) {
  gAllocations.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(n);
}
void* countedCalloc(size_t n, size_t size, const char*, int) {
  gAllocations.fetch_add(1, std::memory_order_relaxed);
  return std::calloc(n, size);
}
char* countedStrdup(const char* s, const char*, int) {
  gAllocations.fetch_add(1, std::memory_order_relaxed);
  return ::strdup(s);
}
char* countedStrndup(const char* s, size_t n, const char*, int) {
  gAllocations.fetch_add(1, std::memory_order_relaxed);
  return ::strndup(s, n);
}
char* countedSubstrdup(const char* s, size_t n, const char*, int) {
  gAllocations.fetch_add(1, std::memory_order_relaxed);
  char* p = static_cast<char*>(std::malloc(n + 1));
  if (p) {
    std::memcpy(p, s, n);
    p[n] = '\0';
  }
  return p;
}
void* countedRealloc(void* p, size_t n, const char*, int) {
  gAllocations.fetch_add(1, std::memory_order_relaxed);
  return std::realloc(p, n);
}
void* countedReallocArray(void* p, size_t n, size_t size, const char*, int) {
  gAllocations.fetch_add(1, std::memory_order_relaxed);
  return std::realloc(p, n * size);
}
void* countedMallocArray(size_t n, size_t size, const char*, int) {
  gAllocations.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(n * size);
}
void countedFree(void* p) {
  std::free(p);
}

// Before any other libgit2 use, so every allocation goes through the counter.
const bool gAllocatorSet = [] {
  static git_allocator allocator{countedMalloc,       countedCalloc,      countedStrdup,
                                 countedStrndup,      countedSubstrdup,   countedRealloc,
                                 countedReallocArray, countedMallocArray, countedFree};
  git_libgit2_opts(GIT_OPT_SET_ALLOCATOR, &allocator);
  git_libgit2_init();
  return true;
}();

using driftless::gitsource::Repository;
using driftless::gitsource::SourceOptions;
using driftless::testing::GitDaemon;
using driftless::testing::GitRemote;
using driftless::testing::TempDir;

void reportAllocations(benchmark::State& state, std::size_t before) {
  state.counters["allocs/op"] = benchmark::Counter(
      static_cast<double>(gAllocations.load() - before) / static_cast<double>(state.iterations()));
}

void BM_NoOpFetchOverGitDaemon(benchmark::State& state) {
  TempDir tmp;
  GitRemote remote(tmp.path());
  remote.commit("env/dev", {{"manifests/orders.yaml", "Resources: {}\n"}});
  std::string error;
  auto daemon = GitDaemon::start(tmp.path(), &error);
  if (!daemon) {
    state.SkipWithError(("git daemon: " + error).c_str());
    return;
  }
  SourceOptions o;
  o.url = daemon->url(remote.name());
  o.cacheRoot = tmp.path() / "git";
  auto repo = Repository::open(o);
  if (!repo || !(*repo)->fetch({"env/dev"})) {
    state.SkipWithError("initial fetch failed");
    return;
  }
  std::size_t before = gAllocations.load();
  for (auto _ : state) {
    auto f = (*repo)->fetch({"env/dev"}, /*reuseRecent=*/false);
    if (!f || f->changed) {
      state.SkipWithError("no-op fetch failed or changed");
      return;
    }
    benchmark::DoNotOptimize(f);
  }
  reportAllocations(state, before);
}
BENCHMARK(BM_NoOpFetchOverGitDaemon)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Snapshot(benchmark::State& state) {
  const int files = static_cast<int>(state.range(0));
  TempDir tmp;
  GitRemote remote(tmp.path());
  std::map<std::string, std::string> tree;
  for (int i = 0; i < files; ++i) {
    std::string name = "stack" + std::to_string(i);
    tree["manifests/" + name + ".yaml"] =
        "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Sub "
        "\"" +
        name + "-${Driftless::Environment}\"\n      MessageRetentionPeriod: 345600\n";
  }
  tree["manifests/parameters/dev.yaml"] = "Retention: 60\n";
  std::string commit = remote.commit("env/dev", tree);
  SourceOptions o;
  o.url = remote.fileUrl();
  o.cacheRoot = tmp.path() / "git";
  auto repo = Repository::open(o);
  if (commit.empty() || !repo || !(*repo)->fetch({"env/dev"})) {
    state.SkipWithError("setup failed");
    return;
  }
  std::size_t before = gAllocations.load();
  std::size_t bytes = 0;
  for (auto _ : state) {
    auto snap = (*repo)->snapshot(commit, "manifests", "dev");
    if (!snap || snap->files.size() != static_cast<std::size_t>(files) + 1) {
      state.SkipWithError("snapshot failed");
      return;
    }
    bytes = 0;
    for (const auto& f : snap->files)
      bytes += f.content.size();
    benchmark::DoNotOptimize(snap);
  }
  reportAllocations(state, before);
  state.counters["files"] = files + 1;
  state.SetBytesProcessed(static_cast<int64_t>(bytes) * state.iterations());
}
BENCHMARK(BM_Snapshot)->Arg(10)->Arg(1000)->Unit(benchmark::kMillisecond);

}  // namespace

// C++ allocations too (the Snapshot's strings and vectors). GCC 12 cannot see
// that this operator new is malloc and warns about the free() below.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void* operator new(std::size_t n) {
  gAllocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}

BENCHMARK_MAIN();
