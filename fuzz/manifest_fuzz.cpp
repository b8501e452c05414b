// libFuzzer target for the manifest parser (reconcile/yaml_tree.*): a manifest
// is outside input (anyone who can push to the watched repository writes it).
// Differential: parseYaml builds its tree from libyaml's events and falls back
// to yaml-cpp for what it gives up on; for any input it must give exactly what
// yaml-cpp alone gives (parseYamlReference) — the same tree (kinds, tags, texts,
// quoting, lines/columns, keys) and the same messages. A difference aborts with
// both renderings. Built with clang by scripts/fuzz.
// fuzz-sources: reconcile/yaml_tree.cpp reconcile/manifest.cpp
// fuzz-libs: -lyaml-cpp -lyaml
// fuzz-smoke-runs: 50000
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "fuzz/yaml_tree_diff.h"
#include "reconcile/yaml_tree.h"

using namespace driftless::reconcile;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string content(reinterpret_cast<const char*>(data), size);
  const ParsedFile fast = parseYaml("m.yaml", content);
  const ParsedFile ref = parseYamlReference("m.yaml", content);
  if (const std::string d = yamldiff::compare(fast, ref); !d.empty()) {
    std::fprintf(stderr, "parseYaml differs from yaml-cpp: %s\n--- parseYaml:\n%s--- yaml-cpp:\n%s",
                 d.c_str(), yamldiff::render(fast).c_str(), yamldiff::render(ref).c_str());
    std::abort();
  }
  return 0;
}
