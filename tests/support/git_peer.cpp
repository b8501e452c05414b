#include "tests/support/git_peer.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace driftless::testing {
namespace {

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' '))
    s.pop_back();
  return s;
}

}  // namespace

// ---- GitDaemon -----------------------------------------------------------------

std::unique_ptr<GitDaemon> GitDaemon::start(const std::filesystem::path& root, std::string* error) {
  std::unique_ptr<GitDaemon> d(new GitDaemon());
  d->root_ = root;
  d->port_ = freePort();
  d->logFile_ = (root / ("git-daemon-" + std::to_string(d->port_) + ".log")).string();
  if (!d->launch(error)) return nullptr;
  return d;
}

GitDaemon::~GitDaemon() {
  stop();
}

bool GitDaemon::launch(std::string* error) {
  process_ = std::make_unique<Process>(
      std::vector<std::string>{"git", "daemon", "--reuseaddr", "--listen=127.0.0.1",
                               "--port=" + std::to_string(port_), "--base-path=" + root_.string(),
                               "--export-all", "--enable=receive-pack", "--informative-errors",
                               root_.string()},
      EnvVars{{"GIT_CONFIG_NOSYSTEM", "1"}, {"GIT_CONFIG_GLOBAL", "/dev/null"}}, logFile_);
  if (!waitForPort(port_, 15000, process_->pid())) {
    if (error)
      *error =
          "git daemon did not start on 127.0.0.1:" + std::to_string(port_) + ": " + process_->log();
    process_.reset();
    return false;
  }
  return true;
}

std::string GitDaemon::url(const std::string& repoName) const {
  return "git://127.0.0.1:" + std::to_string(port_) + "/" + repoName;
}

void GitDaemon::stop() {
  if (process_) process_->stop(3000);
  process_.reset();
}

bool GitDaemon::restart(std::string* error) {
  stop();
  return launch(error);
}

// ---- SshServer -------------------------------------------------------------------

std::string makeSshKey(const std::filesystem::path& path, const std::string& passphrase) {
  int rc = 0;
  std::filesystem::remove(path);
  std::filesystem::remove(path.string() + ".pub");
  std::string out = runCommand({"ssh-keygen", "-q", "-t", "ed25519", "-N", passphrase, "-C",
                                "driftless-test", "-f", path.string()},
                               &rc);
  if (rc != 0) {
    ADD_FAILURE() << "ssh-keygen " << path << ": " << out;
    return "";
  }
  std::ifstream in(path.string() + ".pub");
  std::string type, key;
  in >> type >> key;
  return type + " " + key;
}

std::unique_ptr<SshServer> SshServer::start(const std::filesystem::path& dir,
                                            const std::string& authorizedKey, std::string* error) {
  const std::string sshd = "/usr/sbin/sshd";
  if (!std::filesystem::exists(sshd)) {
    if (error) *error = sshd + " not found (install openssh-server; scripts/deps does)";
    return nullptr;
  }
  std::unique_ptr<SshServer> s(new SshServer());
  std::filesystem::create_directories(dir);
  // sshd refuses to start without its privilege separation directory.
  std::error_code ec;
  std::filesystem::create_directories("/run/sshd", ec);
  s->hostKey_ = makeSshKey(dir / "host_ed25519");
  if (s->hostKey_.empty()) {
    if (error) *error = "could not make the host key";
    return nullptr;
  }
  {
    std::ofstream keys(dir / "authorized_keys");
    keys << authorizedKey << "\n";
  }
  s->user_ = trimmed(runCommand({"id", "-un"}));
  s->port_ = freePort();
  auto config = dir / "sshd_config";
  {
    std::ofstream c(config);
    c << "ListenAddress 127.0.0.1\n"
      << "Port " << s->port_ << "\n"
      << "HostKey " << (dir / "host_ed25519").string() << "\n"
      << "PidFile " << (dir / "sshd.pid").string() << "\n"
      << "AuthorizedKeysFile " << (dir / "authorized_keys").string() << "\n"
      << "StrictModes no\nUsePAM no\nPasswordAuthentication no\n"
      << "KbdInteractiveAuthentication no\nPubkeyAuthentication yes\n"
      << "PermitRootLogin prohibit-password\nLogLevel VERBOSE\n";
  }
  s->process_ =
      std::make_unique<Process>(std::vector<std::string>{sshd, "-D", "-e", "-f", config.string()},
                                EnvVars{}, (dir / "sshd.log").string());
  if (!waitForPort(s->port_, 15000, s->process_->pid())) {
    if (error)
      *error = "sshd did not start on 127.0.0.1:" + std::to_string(s->port_) + ": " + s->log();
    return nullptr;
  }
  return s;
}

std::string SshServer::url(const std::filesystem::path& repo) const {
  return "ssh://" + user_ + "@127.0.0.1:" + std::to_string(port_) + repo.string();
}

// ---- GitRemote -------------------------------------------------------------------

std::string GitRemote::git(const std::vector<std::string>& args, int* exitCode,
                           const std::string& stdinText) {
  std::vector<std::string> argv{"git", "-c", "init.defaultBranch=main", "-c",
                                "commit.gpgsign=false"};
  argv.insert(argv.end(), args.begin(), args.end());
  return runCommand(argv, exitCode,
                    {{"GIT_CONFIG_NOSYSTEM", "1"},
                     {"GIT_CONFIG_GLOBAL", "/dev/null"},
                     {"GIT_TERMINAL_PROMPT", "0"}},
                    stdinText);
}

GitRemote::GitRemote(std::filesystem::path root, std::string name)
    : root_(std::move(root)), name_(std::move(name)) {
  bare_ = root_ / name_;
  author_ = root_ / (".author-" + name_);
  pushUrl_ = bare_.string();
  int rc = 0;
  std::string out = git({"init", "--bare", "-q", bare_.string()}, &rc);
  if (rc != 0) ADD_FAILURE() << "git init --bare " << bare_ << ": " << out;
  out = git({"init", "--bare", "-q", author_.string()}, &rc);
  if (rc != 0) ADD_FAILURE() << "git init --bare " << author_ << ": " << out;
}

std::string GitRemote::fastImport(const std::string& branch, const std::string& parent,
                                  const GitChange& change) {
  std::ostringstream s;
  auto data = [&](const std::string& text) { s << "data " << text.size() << "\n" << text << "\n"; };
  const std::int64_t when = clock_++;
  s << "reset refs/heads/" << branch << "\n";
  s << "commit refs/heads/" << branch << "\n";
  s << "author " << change.author << " " << when << " +0000\n";
  s << "committer " << change.author << " " << when << " +0000\n";
  data(change.message);
  if (!parent.empty()) s << "from " << parent << "\n";
  for (const auto& path : change.remove)
    s << "D " << path << "\n";
  for (const auto& [path, content] : change.write) {
    s << "M 100644 inline " << path << "\n";
    data(content);
  }
  s << "\n";
  int rc = 0;
  std::string out =
      git({"-C", author_.string(), "fast-import", "--quiet", "--force"}, &rc, s.str());
  if (rc != 0) {
    ADD_FAILURE() << "git fast-import on " << branch << ": " << out;
    return "";
  }
  return trimmed(git({"-C", author_.string(), "rev-parse", "refs/heads/" + branch}));
}

bool GitRemote::push(const std::string& refspec, bool force) {
  std::vector<std::string> args{"-C", author_.string(), "push", "-q"};
  if (force) args.push_back("--force");
  args.push_back(pushUrl_);
  args.push_back(refspec);
  int rc = 0;
  std::string out = git(args, &rc);
  if (rc != 0) ADD_FAILURE() << "git push " << refspec << " to " << pushUrl_ << ": " << out;
  return rc == 0;
}

std::string GitRemote::commit(const std::string& branch, const GitChange& change,
                              const std::string& from) {
  int rc = 0;
  std::string parent = trimmed(
      git({"-C", author_.string(), "rev-parse", "-q", "--verify", "refs/heads/" + branch}, &rc));
  if (rc != 0) parent.clear();
  if (parent.empty() && !from.empty()) {
    parent = trimmed(
        git({"-C", author_.string(), "rev-parse", "-q", "--verify", from + "^{commit}"}, &rc));
    if (rc != 0) {
      ADD_FAILURE() << "commit on " << branch << ": no such base " << from;
      return "";
    }
  }
  std::string id = fastImport(branch, parent, change);
  if (id.empty() || !push("refs/heads/" + branch + ":refs/heads/" + branch, false)) return "";
  return id;
}

std::string GitRemote::commit(const std::string& branch, std::map<std::string, std::string> files,
                              const std::string& message) {
  GitChange change;
  change.write = std::move(files);
  change.message = message;
  return commit(branch, change);
}

std::string GitRemote::rewrite(const std::string& branch, const GitChange& change) {
  int rc = 0;
  std::string parent = trimmed(git(
      {"-C", author_.string(), "rev-parse", "-q", "--verify", "refs/heads/" + branch + "^"}, &rc));
  if (rc != 0) parent.clear();
  std::string id = fastImport(branch, parent, change);
  if (id.empty() || !push("refs/heads/" + branch + ":refs/heads/" + branch, true)) return "";
  return id;
}

void GitRemote::deleteBranch(const std::string& branch) {
  if (push(":refs/heads/" + branch, false))
    git({"-C", author_.string(), "update-ref", "-d", "refs/heads/" + branch});
}

void GitRemote::tag(const std::string& name, const std::string& commitOrBranch) {
  int rc = 0;
  std::string out = git({"-C", author_.string(), "tag", "-f", name, commitOrBranch}, &rc);
  if (rc != 0) {
    ADD_FAILURE() << "git tag " << name << ": " << out;
    return;
  }
  push("refs/tags/" + name + ":refs/tags/" + name, true);
}

std::string GitRemote::head(const std::string& branch) const {
  int rc = 0;
  std::string out = trimmed(
      git({"-C", bare_.string(), "rev-parse", "-q", "--verify", "refs/heads/" + branch}, &rc));
  return rc == 0 ? out : "";
}

}  // namespace driftless::testing
