#pragma once
// The manifests of one commit, as the reconciler sees them: plain bytes and the
// commit's identity. No libgit2 type crosses this header.
#include <cstdint>
#include <string>
#include <vector>

namespace driftless::gitsource {

struct File {
  // Relative to the snapshot's configured path, '/'-separated: "orders.yaml",
  // "parameters/dev.yaml".
  std::string path;
  std::string content;  // the blob's bytes, unmodified
};

struct Snapshot {
  std::string commit;           // full 40-hex commit id
  std::string shortCommit;      // first 7 hex digits (cycle ids, log lines)
  std::string author;           // "Name <email>"
  std::int64_t commitTime = 0;  // committer time, seconds since the epoch (UTC)
  std::string subject;          // first line of the commit message
  std::string path;             // the configured folder ("" = repository root)
  std::string environment;      // whose parameters/<env>.yaml was picked
  // Sorted by path. Every *.yaml / *.yml / *.json / *.template directly in `path`
  // (not in sub-folders: those may be other environments' folders), then
  // parameters/<env>.yaml (or .yml, .json) if the commit has it. Other environments' parameter
  // files are left out.
  std::vector<File> files;

  // The parameters/<env> file, or nullptr if the commit has none.
  const File* parameters() const {
    for (const auto& f : files)
      if (f.path.starts_with("parameters/")) return &f;
    return nullptr;
  }
};

}  // namespace driftless::gitsource
