#pragma once
// Git peers for tests: a bare repository that plays the remote, written to the
// way a user would (commit in an author repository, then `git push`), and
// `git daemon` serving it on 127.0.0.1:<free port>. Used by the gitsource
// tests and the controller end-to-end tests.
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "tests/support/peer.h"

namespace driftless::testing {

// `git daemon` serving every repository under `root` as git://127.0.0.1:<port>/<name>,
// with push (receive-pack) enabled.
class GitDaemon {
 public:
  // On failure returns nullptr and sets *error to the reason (and the daemon's log).
  static std::unique_ptr<GitDaemon> start(const std::filesystem::path& root, std::string* error);
  ~GitDaemon();

  int port() const { return port_; }
  // "git://127.0.0.1:<port>/<repoName>"
  std::string url(const std::string& repoName) const;
  void stop();                       // an outage; restart() brings it back on the same port
  bool restart(std::string* error);  // false (with *error) if it did not come back
  std::string log() const { return process_ ? process_->log() : ""; }

 private:
  GitDaemon() = default;
  bool launch(std::string* error);
  std::filesystem::path root_;
  int port_ = 0;
  std::string logFile_;
  std::unique_ptr<Process> process_;
};

// OpenSSH's sshd on 127.0.0.1:<free port>, as the current user, accepting only
// `authorizedKey` (a public key line); serves repositories by absolute path:
// ssh://<user>@127.0.0.1:<port>/<abs path>. Needs /usr/sbin/sshd (openssh-server).
class SshServer {
 public:
  static std::unique_ptr<SshServer> start(const std::filesystem::path& dir,
                                          const std::string& authorizedKey, std::string* error);
  int port() const { return port_; }
  std::string url(const std::filesystem::path& repo) const;
  // The line for a known_hosts file: "[127.0.0.1]:<port> <type> <base64>".
  std::string knownHostsLine() const {
    return "[127.0.0.1]:" + std::to_string(port_) + " " + hostKey_;
  }
  std::string log() const { return process_ ? process_->log() : ""; }

 private:
  SshServer() = default;
  int port_ = 0;
  std::string user_;
  std::string hostKey_;  // "<type> <base64>"
  std::unique_ptr<Process> process_;
};

// ssh-keygen: a new ed25519 key at `path` (and path.pub) with `passphrase` ("" =
// none). Returns the public key line, "" with a gtest failure on error.
std::string makeSshKey(const std::filesystem::path& path, const std::string& passphrase = "");

// One change to a branch: files written (path -> content) and paths removed.
struct GitChange {
  // Not an aggregate, so commit(branch, {{"path", "content"}}) means the file map.
  GitChange() = default;
  std::map<std::string, std::string> write;
  std::vector<std::string> remove;
  std::string message = "update manifests";
  std::string author = "Test Author <author@example.com>";
};

// A bare repository `root/<name>` (the remote), plus a private author repository
// where commits are made with `git fast-import` and pushed with `git push`.
// Every call that fails records a gtest failure with git's output and returns "".
class GitRemote {
 public:
  explicit GitRemote(std::filesystem::path root, std::string name = "infra.git");

  // A new commit on `branch` (created from nothing, or from `from` if given and
  // the branch is new): the branch's tree plus change.write minus change.remove.
  // Pushed; returns the commit id.
  std::string commit(const std::string& branch, const GitChange& change,
                     const std::string& from = "");
  std::string commit(const std::string& branch, std::map<std::string, std::string> files,
                     const std::string& message = "update manifests");
  // History rewrite: a new commit with `change` on top of the parent of the
  // branch's head (the head is dropped), pushed with --force. Returns its id.
  std::string rewrite(const std::string& branch, const GitChange& change);
  void deleteBranch(const std::string& branch);                          // git push --delete
  void tag(const std::string& name, const std::string& commitOrBranch);  // pushed
  std::string head(const std::string& branch) const;  // in the remote; "" if none

  const std::filesystem::path& barePath() const { return bare_; }
  std::string fileUrl() const { return "file://" + bare_.string(); }
  const std::string& name() const { return name_; }
  // Where commits are pushed (default: the bare path); e.g. a GitDaemon url to
  // push over the network.
  void setPushUrl(std::string url) { pushUrl_ = std::move(url); }

  // Runs git with a clean configuration; returns output, *exitCode set.
  static std::string git(const std::vector<std::string>& args, int* exitCode = nullptr,
                         const std::string& stdinText = "");

 private:
  std::string fastImport(const std::string& branch, const std::string& parent,
                         const GitChange& change);
  bool push(const std::string& refspec, bool force);
  std::filesystem::path root_;
  std::string name_;
  std::filesystem::path bare_;
  std::filesystem::path author_;
  std::string pushUrl_;
  std::int64_t clock_ = 1767225600;  // 2026-01-01T00:00:00Z, one second per commit
};

}  // namespace driftless::testing
