#pragma once
// Everything the controller knows about git: a bare cache of one source URL,
// fetched branch by branch, and commits read straight from the object database.
// No libgit2 type crosses this header.
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "gitsource/snapshot.h"
#include "providers/error.h"

namespace driftless::gitsource {

struct SourceAuth {
  // HTTPS: the token is read from this environment variable at each connection
  // and handed to libgit2 through its credential callback (user "x-access-token"
  // unless the URL names a user). It is never written to disk, never part of the
  // stored remote URL, never in a log line or an error.
  std::string tokenEnv;
  // SSH: a private key file, an optional env var holding its passphrase, and a
  // known_hosts file the server's host key must be listed in (plain or hashed
  // entries). An unknown or mismatching host key is an error: no trust on first use.
  std::string sshKeyFile;
  std::string sshPassphraseEnv;
  std::string knownHostsFile;
};

struct SourceOptions {
  // https://, ssh://, git://, file:// or a plain path. Credentials written into
  // the URL (https://user:secret@host) are stripped from everything shown.
  std::string url;
  SourceAuth auth;
  // Bounds connecting and each wait for the server during a fetch; a transfer
  // that keeps making progress is not cut off. (For ssh:// only the connect is
  // bounded: libgit2 1.5 hands the socket to libssh2.)
  std::chrono::milliseconds timeout{30000};
  // Caches live in cacheRoot/<hash of url> (the controller passes dataDir/git).
  std::filesystem::path cacheRoot;
  // A manifest blob larger than this is refused by snapshot(), not loaded.
  std::size_t maxFileBytes = std::size_t{10} << 20;
  // A fetch of the same branches that completed less than this long ago is
  // shared instead of repeated (two environments on one repository, one fetch
  // per cycle). 0 = only fetches running at the same time are shared.
  std::chrono::milliseconds fetchReuseWindow{1000};
};

struct BranchUpdate {
  std::string branch;
  std::string previous;  // commit before the fetch; "" if the branch was new to the cache
  std::string current;
  bool forced = false;  // previous is no longer an ancestor of current (history rewritten)
};

struct FetchResult {
  std::map<std::string, std::string> heads;  // every requested branch -> its commit
  std::vector<BranchUpdate> updates;         // only the requested branches that moved
  bool changed = false;                      // !updates.empty()
  bool shared = false;  // served by another caller's fetch (no round-trip of our own)
  // For the log, e.g. "branch env/dev was force-pushed: old head 1a2b3c4 is no
  // longer an ancestor of 5d6e7f8".
  std::vector<std::string> notices;
};

// One per source URL, shared by every environment that uses it (RepositoryCache).
// Thread-safe; every call blocks (the controller calls it from a worker thread,
// never from the Asio loop). Nothing here ever writes a working tree.
class Repository {
 public:
  // Opens (or creates) the cache for options.url. A cache that is corrupted or
  // was left half-written is detected here or on the next fetch, removed and
  // re-cloned, with a warning in the log. Fails only if cacheRoot is unusable or
  // the URL cannot be parsed; it does not touch the network.
  static Result<std::shared_ptr<Repository>> open(SourceOptions options);
  ~Repository();
  Repository(const Repository&) = delete;
  Repository& operator=(const Repository&) = delete;

  // Brings the remote-tracking refs of exactly these branches up to date (no
  // other refs, no tags). One round-trip when nothing changed. Fetches running
  // at the same time, and (if reuseRecent) one finished within
  // fetchReuseWindow, are shared. Errors:
  //  - a requested branch missing on the remote -> NotFound naming branch and URL
  //    (its stale remote-tracking ref is dropped; other branches still update);
  //  - unreachable / timed out / refused -> Transient naming the URL; nothing in
  //    the cache changed, so the next call simply retries;
  //  - authentication rejected -> Invalid naming the URL (never the token).
  // A force-pushed branch is not an error: the new head is used and the update
  // carries forced=true plus a notice.
  // Pass reuseRecent=false when the caller knows the remote just changed
  // (a webhook): then only a fetch that starts after this call is used.
  Result<FetchResult> fetch(const std::vector<std::string>& branches, bool reuseRecent = true);

  // Fetches `revision` for `plan --revision`: a branch or tag of that name on the
  // remote, else a commit id already reachable from a fetched branch.
  Result<std::string> fetchRevision(std::string_view revision);

  // Local only, no network: a fetched branch (its remote-tracking ref), a full
  // or unambiguous short commit id, or a fetched tag -> the full commit id.
  // NotFound if none matches.
  Result<std::string> resolve(std::string_view branchOrRevision) const;

  // Local only, no tree walk: true if the branch's fetched head differs from `commit`.
  Result<bool> movedSince(std::string_view branch, std::string_view commit) const;

  // True if `ancestor` is `descendant` or one of its ancestors.
  Result<bool> isAncestor(std::string_view ancestor, std::string_view descendant) const;

  // The manifests of `commit` under `path` for `environment` (see Snapshot::files),
  // read from the object database: no checkout. Errors: unknown commit ->
  // NotFound; the tree has no folder `path` -> Invalid naming path and commit;
  // a matching file larger than maxFileBytes -> Invalid naming file, size and
  // limit (the blob is not loaded).
  Result<Snapshot> snapshot(std::string_view commit, std::string_view path,
                            std::string_view environment) const;

  // A commit's signature (its gpgsig header, "" if unsigned) and the bytes it
  // signs (the commit object without that header), read locally. For verify.h.
  struct SignedCommit {
    std::string signature;
    std::string signedData;
  };
  Result<SignedCommit> signedCommit(std::string_view commit) const;

  // The URL without credentials: safe for logs, errors, status and history.
  std::string displayUrl() const;
  // The bare cache directory.
  std::filesystem::path cacheDir() const;
  // Network fetches actually performed (shared ones not counted): for tests and metrics.
  std::size_t fetchCount() const;

  struct Impl;

 private:
  explicit Repository(std::unique_ptr<Impl> impl);
  static Result<std::shared_ptr<Repository>> openUnchecked(SourceOptions options);
  std::unique_ptr<Impl> impl_;
};

// Hands out one Repository per source URL, so environments on the same
// repository share one cache and one fetch per cycle. Thread-safe.
class RepositoryCache {
 public:
  explicit RepositoryCache(std::filesystem::path cacheRoot) : cacheRoot_(std::move(cacheRoot)) {}
  // The first call for a URL decides its options (cacheRoot is always this
  // cache's); later calls with the same URL get the same object.
  Result<std::shared_ptr<Repository>> get(SourceOptions options);
  std::size_t size() const;

 private:
  std::filesystem::path cacheRoot_;
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<Repository>> byUrl_;
};

// `url` with any user:password@ removed ("https://host/x.git"), for display.
std::string redactUrl(std::string_view url);

}  // namespace driftless::gitsource
