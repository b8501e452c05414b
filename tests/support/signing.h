#pragma once
// Signed commits for tests, made with real keys and real git: an ssh-keygen
// ed25519 key or a GnuPG key generated in a private GNUPGHOME, and a working
// clone where `git commit -S` signs and `git push` publishes.
#include <filesystem>
#include <map>
#include <string>

#include "tests/support/peer.h"

namespace driftless::testing {

// An ed25519 key pair at dir/<name> (and .pub), and its allowed_signers line.
struct SshSigningKey {
  SshSigningKey(const std::filesystem::path& dir, const std::string& name);
  std::filesystem::path privateKey;
  std::string publicKey;            // "ssh-ed25519 AAAA..."
  std::string fingerprint() const;  // "SHA256:..." as ssh-keygen -l prints it
  // Writes an allowed_signers file with `principal` allowed to sign in the git namespace.
  void allow(const std::filesystem::path& file, const std::string& principal) const;
};

// A GnuPG key (ed25519, no passphrase, no expiry) in its own home dir/<name>.
struct GpgSigningKey {
  GpgSigningKey(const std::filesystem::path& dir, const std::string& name);
  ~GpgSigningKey();  // stops the home's gpg-agent
  std::filesystem::path home;
  std::string uid;          // "<name> <name@example.com>"
  std::string fingerprint;  // 40 hex digits
  // `gpg --export --armor` of the public key to `file` (a verify.keyring).
  void exportPublic(const std::filesystem::path& file) const;
};

enum class Signing { None, Ssh, Gpg };

// A working clone of a bare repository: commits made with `git commit`, signed
// or not, pushed to the bare repository. Failures are gtest failures ("" returned).
class SigningClone {
 public:
  SigningClone(const std::filesystem::path& bare, const std::filesystem::path& workDir);
  // Writes `files` (path -> content) on `branch` (created if new), commits, pushes.
  std::string commit(const std::string& branch, const std::map<std::string, std::string>& files,
                     const SshSigningKey& key);
  std::string commit(const std::string& branch, const std::map<std::string, std::string>& files,
                     const GpgSigningKey& key);
  std::string commitUnsigned(const std::string& branch,
                             const std::map<std::string, std::string>& files);

 private:
  std::string commitWith(const std::string& branch, const std::map<std::string, std::string>& files,
                         const std::vector<std::string>& signArgs, const EnvVars& env);
  std::string git(const std::vector<std::string>& args, const EnvVars& env = {});
  std::filesystem::path bare_;
  std::filesystem::path work_;
  int clock_ = 0;
};

}  // namespace driftless::testing
