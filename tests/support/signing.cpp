#include "tests/support/signing.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "tests/support/git_peer.h"

namespace driftless::testing {

namespace fs = std::filesystem;

namespace {

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' '))
    s.pop_back();
  return s;
}

}  // namespace

SshSigningKey::SshSigningKey(const fs::path& dir, const std::string& name)
    : privateKey(dir / name), publicKey(makeSshKey(dir / name)) {}

std::string SshSigningKey::fingerprint() const {
  int rc = 0;
  std::string out =
      runCommand({"ssh-keygen", "-l", "-E", "sha256", "-f", privateKey.string()}, &rc);
  if (rc != 0) ADD_FAILURE() << "ssh-keygen -l: " << out;
  std::istringstream in(out);
  std::string bits, fp;
  in >> bits >> fp;
  return fp;
}

void SshSigningKey::allow(const fs::path& file, const std::string& principal) const {
  std::ofstream(file, std::ios::app) << principal << " namespaces=\"git\" " << publicKey << "\n";
}

GpgSigningKey::GpgSigningKey(const fs::path& dir, const std::string& name)
    : home(dir / ("gnupg-" + name)), uid(name + " <" + name + "@example.com>") {
  fs::create_directories(home);
  fs::permissions(home, fs::perms::owner_all);
  int rc = 0;
  std::string out = runCommand({"gpg", "--homedir", home.string(), "--batch", "--passphrase", "",
                                "--quick-gen-key", uid, "ed25519", "sign", "never"},
                               &rc);
  if (rc != 0) {
    ADD_FAILURE() << "gpg --quick-gen-key: " << out;
    return;
  }
  out = runCommand(
      {"gpg", "--homedir", home.string(), "--batch", "--with-colons", "--list-secret-keys", uid},
      &rc);
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);)
    if (line.starts_with("fpr:")) {
      // fpr:::::::::<fingerprint>:
      auto end = line.rfind(':');
      auto start = line.rfind(':', end - 1);
      fingerprint = line.substr(start + 1, end - start - 1);
      break;
    }
  if (fingerprint.empty()) ADD_FAILURE() << "no fingerprint for " << uid << ": " << out;
}

GpgSigningKey::~GpgSigningKey() {
  runCommand({"gpgconf", "--homedir", home.string(), "--kill", "all"});
}

void GpgSigningKey::exportPublic(const fs::path& file) const {
  int rc = 0;
  std::string out = runCommand({"gpg", "--homedir", home.string(), "--batch", "--armor", "--output",
                                file.string(), "--export", fingerprint},
                               &rc);
  if (rc != 0) ADD_FAILURE() << "gpg --export: " << out;
}

SigningClone::SigningClone(const fs::path& bare, const fs::path& workDir)
    : bare_(bare), work_(workDir) {
  int rc = 0;
  std::string out = GitRemote::git({"init", "-q", work_.string()}, &rc);
  if (rc != 0) ADD_FAILURE() << "git init " << work_ << ": " << out;
}

std::string SigningClone::git(const std::vector<std::string>& args, const EnvVars& env) {
  std::vector<std::string> argv{"git",
                                "-C",
                                work_.string(),
                                "-c",
                                "init.defaultBranch=main",
                                "-c",
                                "user.name=Test Author",
                                "-c",
                                "user.email=author@example.com"};
  argv.insert(argv.end(), args.begin(), args.end());
  EnvVars all{{"GIT_CONFIG_NOSYSTEM", "1"},
              {"GIT_CONFIG_GLOBAL", "/dev/null"},
              {"GIT_TERMINAL_PROMPT", "0"}};
  all.insert(all.end(), env.begin(), env.end());
  int rc = 0;
  std::string out = runCommand(argv, &rc, all);
  if (rc != 0) {
    ADD_FAILURE() << "git " << args.front() << " in " << work_ << ": " << out;
    return "";
  }
  return out;
}

std::string SigningClone::commitWith(const std::string& branch,
                                     const std::map<std::string, std::string>& files,
                                     const std::vector<std::string>& signArgs, const EnvVars& env) {
  int rc = 0;
  GitRemote::git({"-C", work_.string(), "fetch", "-q", bare_.string(),
                  "+refs/heads/" + branch + ":refs/remotes/origin/" + branch},
                 &rc);
  if (rc == 0)
    git({"checkout", "-q", "-B", branch, "origin/" + branch});
  else
    git({"checkout", "-q", "--orphan", branch});
  for (const auto& [path, content] : files) {
    fs::path p = work_ / path;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary | std::ios::trunc) << content;
    git({"add", path});
  }
  // Distinct, increasing commit times: two commits of the same tree stay distinct.
  const std::string when = "@" + std::to_string(1767225600 + ++clock_) + " +0000";
  EnvVars dated = env;
  dated.push_back({"GIT_AUTHOR_DATE", when});
  dated.push_back({"GIT_COMMITTER_DATE", when});
  std::vector<std::string> args = signArgs;
  args.insert(args.end(), {"commit", "-q", "--allow-empty", "-m", "update manifests"});
  git(args, dated);
  git({"push", "-q", "-f", bare_.string(), "HEAD:refs/heads/" + branch});
  return trim(git({"rev-parse", "HEAD"}));
}

std::string SigningClone::commit(const std::string& branch,
                                 const std::map<std::string, std::string>& files,
                                 const SshSigningKey& key) {
  return commitWith(branch, files,
                    {"-c", "gpg.format=ssh", "-c", "user.signingkey=" + key.privateKey.string(),
                     "-c", "commit.gpgsign=true"},
                    {});
}

std::string SigningClone::commit(const std::string& branch,
                                 const std::map<std::string, std::string>& files,
                                 const GpgSigningKey& key) {
  return commitWith(branch, files,
                    {"-c", "gpg.format=openpgp", "-c", "user.signingkey=" + key.fingerprint, "-c",
                     "commit.gpgsign=true"},
                    {{"GNUPGHOME", key.home.string()}});
}

std::string SigningClone::commitUnsigned(const std::string& branch,
                                         const std::map<std::string, std::string>& files) {
  return commitWith(branch, files, {"-c", "commit.gpgsign=false"}, {});
}

}  // namespace driftless::testing
