#include "gitsource/verify.h"

#include <fcntl.h>
#include <gpgme.h>
#include <openssl/evp.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <mutex>
#include <optional>
#include <sstream>
#include <system_error>
#include <vector>

#include "gitsource/repository.h"

extern char** environ;

namespace driftless::gitsource {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kSshBegin = "-----BEGIN SSH SIGNATURE-----";
constexpr std::string_view kSshEnd = "-----END SSH SIGNATURE-----";
constexpr std::string_view kPgpBegin = "-----BEGIN PGP SIGNATURE-----";

std::unexpected<Error> refuse(std::string message) {
  return fail(ErrorKind::Invalid, std::move(message));
}

// A private directory for one verification, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "driftless-verify-XXXXXX").string();
    if (char* made = ::mkdtemp(tmpl.data())) path_ = made;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  bool ok() const { return !path_.empty(); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

bool writeFile(const fs::path& path, std::string_view content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  return static_cast<bool>(out);
}

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string firstLine(std::string_view text) {
  while (!text.empty() && (text.front() == '\n' || text.front() == '\r'))
    text.remove_prefix(1);
  auto nl = text.find_first_of("\r\n");
  return std::string(text.substr(0, nl));
}

struct ProcessOutput {
  int exitCode = -1;
  std::string out;
  std::string err;
};

// Runs argv[0] (looked up in PATH) with stdin from `input` and stdout/stderr
// captured in `dir`. posix_spawn: safe from the controller's threads.
Result<ProcessOutput> run(const std::vector<std::string>& argv, const fs::path& input,
                          const fs::path& dir) {
  const fs::path outFile = dir / "stdout";
  const fs::path errFile = dir / "stderr";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, input.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, outFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  posix_spawn_file_actions_addopen(&actions, 2, errFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  std::vector<char*> args;
  for (const auto& a : argv)
    args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0)
    return fail(ErrorKind::Fatal, "cannot run " + argv[0] + ": " + std::strerror(rc) +
                                      " (signed commits with verify.mode ssh need OpenSSH's "
                                      "ssh-keygen in PATH)");
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  ProcessOutput result;
  result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  // A shell-style "command not found" (some libcs report a failed exec this way).
  if (result.exitCode == 127)
    return fail(ErrorKind::Fatal, argv[0] + " not found (signed commits with verify.mode ssh " +
                                      "need OpenSSH's ssh-keygen in PATH)");
  result.out = readFile(outFile);
  result.err = readFile(errFile);
  return result;
}

std::string base64(const unsigned char* data, std::size_t size) {
  std::string out(4 * ((size + 2) / 3) + 1, '\0');
  int n =
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data, static_cast<int>(size));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

// The armored body of an SSH signature, decoded ("" if malformed).
std::string unarmor(std::string_view armored) {
  auto begin = armored.find(kSshBegin);
  auto end = armored.find(kSshEnd);
  if (begin == std::string_view::npos || end == std::string_view::npos || end < begin) return "";
  std::string body;
  for (char c : armored.substr(begin + kSshBegin.size(), end - begin - kSshBegin.size()))
    if (!std::isspace(static_cast<unsigned char>(c))) body += c;
  if (body.empty() || body.size() % 4 != 0) return "";
  std::string out(body.size() / 4 * 3, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(body.data()),
                          static_cast<int>(body.size()));
  if (n < 0) return "";
  std::size_t size = static_cast<std::size_t>(n);
  for (std::size_t i = body.size(); i > 0 && body[i - 1] == '='; --i)
    --size;  // EVP_DecodeBlock counts padding as zero bytes
  out.resize(size);
  return out;
}

// An SSH wire-format string (uint32 length, bytes) at *pos.
bool readString(std::string_view blob, std::size_t* pos, std::string_view* out) {
  if (blob.size() - *pos < 4) return false;
  std::uint32_t len = 0;
  for (int i = 0; i < 4; ++i)
    len = (len << 8) | static_cast<unsigned char>(blob[*pos + i]);
  *pos += 4;
  if (blob.size() - *pos < len) return false;
  *out = blob.substr(*pos, len);
  *pos += len;
  return true;
}

// "ED25519 key SHA256:..." from the public key inside an SSHSIG blob, the way
// ssh-keygen prints it; "" if the signature is malformed.
struct SshKeyId {
  std::string type;         // "ED25519", "RSA", "ECDSA"
  std::string fingerprint;  // "SHA256:..."
};
std::optional<SshKeyId> sshSigner(std::string_view armored) {
  std::string blob = unarmor(armored);
  if (blob.size() < 10 || blob.compare(0, 6, "SSHSIG") != 0) return std::nullopt;
  std::size_t pos = 10;  // magic + uint32 version
  std::string_view key;
  if (!readString(blob, &pos, &key)) return std::nullopt;
  std::size_t kpos = 0;
  std::string_view keyType;
  if (!readString(key, &kpos, &keyType)) return std::nullopt;
  unsigned char digest[32];
  unsigned int digestLen = 0;
  EVP_Digest(key.data(), key.size(), digest, &digestLen, EVP_sha256(), nullptr);
  std::string fp = base64(digest, digestLen);
  while (!fp.empty() && fp.back() == '=')
    fp.pop_back();
  SshKeyId id;
  if (keyType == "ssh-ed25519")
    id.type = "ED25519";
  else if (keyType == "ssh-rsa")
    id.type = "RSA";
  else if (keyType.starts_with("ecdsa-"))
    id.type = "ECDSA";
  else
    id.type = std::string(keyType);
  id.fingerprint = "SHA256:" + fp;
  return id;
}

Result<Signer> verifySsh(std::string_view signature, std::string_view signedData,
                         const VerifyPolicy& policy) {
  const std::string allowed = policy.allowedSignersFile.string();
  if (signature.find(kPgpBegin) != std::string_view::npos)
    return refuse("signed with a GPG signature, but verify.mode is ssh");
  auto key = sshSigner(signature);
  if (!key) return refuse("the SSH signature is malformed");
  Signer signer;
  signer.fingerprint = key->fingerprint;
  std::error_code ec;
  if (!fs::is_regular_file(policy.allowedSignersFile, ec))
    return refuse("signed by " + key->type + " key " + key->fingerprint +
                  ", but the allowed signers file " + allowed + " cannot be read");
  TempDir dir;
  if (!dir.ok()) return fail(ErrorKind::Fatal, "cannot create a temporary directory to verify");
  const fs::path sigFile = dir.path() / "commit.sig";
  const fs::path dataFile = dir.path() / "commit.data";
  if (!writeFile(sigFile, signature) || !writeFile(dataFile, signedData))
    return fail(ErrorKind::Fatal, "cannot write to " + dir.path().string());
  // Which principals may have made it (the key is listed in the file)...
  auto found = run({"ssh-keygen", "-Y", "find-principals", "-s", sigFile.string(), "-f", allowed},
                   "/dev/null", dir.path());
  if (!found) return fail(found.error());
  if (found->exitCode != 0 || firstLine(found->out).empty())
    return refuse("signed by " + key->type + " key " + key->fingerprint +
                  ", which is not in the allowed signers file " + allowed);
  signer.principal = firstLine(found->out);
  // ...then the cryptographic check, in the "git" namespace, with that principal's
  // options (namespaces=, valid-after=, valid-before=) applied.
  auto verified = run({"ssh-keygen", "-Y", "verify", "-f", allowed, "-I", signer.principal, "-n",
                       "git", "-s", sigFile.string()},
                      dataFile, dir.path());
  if (!verified) return fail(verified.error());
  if (verified->exitCode != 0) {
    std::string why = firstLine(verified->err.empty() ? verified->out : verified->err);
    return refuse("signature by " + signer.describe() + " does not verify" +
                  (why.empty() ? "" : ": " + why));
  }
  return signer;
}

// ---- gpg ------------------------------------------------------------------

void initGpgme() {
  static std::once_flag once;
  std::call_once(once, [] { gpgme_check_version(nullptr); });
}

template <typename T, void (*Free)(T)>
struct GpgHandle {
  T p = nullptr;
  GpgHandle() = default;
  GpgHandle(const GpgHandle&) = delete;
  GpgHandle& operator=(const GpgHandle&) = delete;
  ~GpgHandle() {
    if (p) Free(p);
  }
};
using CtxHandle = GpgHandle<gpgme_ctx_t, gpgme_release>;
using DataHandle = GpgHandle<gpgme_data_t, gpgme_data_release>;
using KeyHandle = GpgHandle<gpgme_key_t, gpgme_key_unref>;

std::string gpgError(gpgme_error_t err) {
  return gpgme_strerror(err);
}

// Stops the gpg-agent a temporary home may have started, before it is removed.
void stopAgent(const fs::path& home) {
  std::error_code ec;
  bool sockets = false;
  for (const auto& entry : fs::directory_iterator(home, ec))
    if (entry.path().filename().string().starts_with("S.")) sockets = true;
  if (!sockets) return;
  auto r = run({"gpgconf", "--homedir", home.string(), "--kill", "all"}, "/dev/null", home);
  (void)r;
}

Result<Signer> checkGpgSignature(gpgme_ctx_t ctx, std::string_view signature,
                                 std::string_view signedData, const std::string& keyring) {
  DataHandle sig, data;
  gpgme_data_new_from_mem(&sig.p, signature.data(), signature.size(), 0);
  gpgme_data_new_from_mem(&data.p, signedData.data(), signedData.size(), 0);
  if (auto err = gpgme_op_verify(ctx, sig.p, data.p, nullptr); err)
    return refuse("the GPG signature cannot be checked: " + gpgError(err));
  gpgme_verify_result_t result = gpgme_op_verify_result(ctx);
  if (!result || !result->signatures) return refuse("the GPG signature is malformed");
  gpgme_signature_t s = result->signatures;
  Signer signer;
  signer.fingerprint = s->fpr ? s->fpr : "unknown key";
  if (gpgme_err_code(s->status) == GPG_ERR_NO_PUBKEY)
    return refuse("signed by GPG key " + signer.fingerprint + ", which is not in the keyring " +
                  keyring);
  KeyHandle key;
  if (s->fpr && gpgme_get_key(ctx, s->fpr, &key.p, 0) == 0 && key.p) {
    if (key.p->fpr) signer.fingerprint = key.p->fpr;
    if (key.p->uids && key.p->uids->uid) signer.principal = key.p->uids->uid;
  }
  if (gpgme_err_code(s->status) != GPG_ERR_NO_ERROR)
    return refuse("signature by " + signer.describe() + " does not verify: " + gpgError(s->status));
  if (s->summary & (GPGME_SIGSUM_KEY_REVOKED | GPGME_SIGSUM_KEY_EXPIRED | GPGME_SIGSUM_SIG_EXPIRED |
                    GPGME_SIGSUM_RED))
    return refuse("signature by " + signer.describe() +
                  " is not valid (key revoked or expired, or signature expired)");
  return signer;
}

Result<Signer> verifyGpg(std::string_view signature, std::string_view signedData,
                         const VerifyPolicy& policy) {
  const std::string keyring = policy.keyring.string();
  if (signature.find(kSshBegin) != std::string_view::npos)
    return refuse("signed with an SSH signature, but verify.mode is gpg");
  std::error_code ec;
  if (!fs::is_regular_file(policy.keyring, ec))
    return refuse("signed, but the keyring " + keyring + " cannot be read");
  initGpgme();
  TempDir home;
  if (!home.ok()) return fail(ErrorKind::Fatal, "cannot create a temporary GnuPG home");
  fs::permissions(home.path(), fs::perms::owner_all, ec);
  struct AgentStop {
    const fs::path& home;
    ~AgentStop() { stopAgent(home); }
  } agentStop{home.path()};
  CtxHandle ctx;
  if (auto err = gpgme_new(&ctx.p); err) return fail(ErrorKind::Fatal, "gpgme: " + gpgError(err));
  gpgme_set_protocol(ctx.p, GPGME_PROTOCOL_OpenPGP);
  gpgme_set_offline(ctx.p, 1);
  const std::string homeDir = home.path().string();
  if (auto err = gpgme_ctx_set_engine_info(ctx.p, GPGME_PROTOCOL_OpenPGP, nullptr, homeDir.c_str());
      err)
    return fail(ErrorKind::Fatal, "gpgme: " + gpgError(err));
  std::string keys = readFile(policy.keyring);
  DataHandle keyData;
  gpgme_data_new_from_mem(&keyData.p, keys.data(), keys.size(), 0);
  if (auto err = gpgme_op_import(ctx.p, keyData.p); err)
    return refuse("the keyring " + keyring + " cannot be imported: " + gpgError(err));
  gpgme_import_result_t imported = gpgme_op_import_result(ctx.p);
  if (!imported || imported->considered == 0)
    return refuse("the keyring " + keyring + " holds no OpenPGP public key");
  return checkGpgSignature(ctx.p, signature, signedData, keyring);
}

}  // namespace

std::string_view toString(VerifyPolicy::Mode mode) {
  switch (mode) {
    case VerifyPolicy::Mode::Ssh:
      return "ssh";
    case VerifyPolicy::Mode::Gpg:
      return "gpg";
    case VerifyPolicy::Mode::Off:
      break;
  }
  return "off";
}

std::string Signer::describe() const {
  if (principal.empty()) return fingerprint;
  return principal + " (" + fingerprint + ")";
}

Result<Signer> verifySignature(std::string_view signature, std::string_view signedData,
                               const VerifyPolicy& policy) {
  if (!policy.enabled()) return Signer{};
  const std::string mode(toString(policy.mode));
  if (signature.empty())
    return refuse("not signed (verify.mode is " + mode + ": every commit must be signed by " +
                  (policy.mode == VerifyPolicy::Mode::Ssh
                       ? "a key in " + policy.allowedSignersFile.string()
                       : "a key in " + policy.keyring.string()) +
                  ")");
  if (policy.mode == VerifyPolicy::Mode::Ssh) return verifySsh(signature, signedData, policy);
  return verifyGpg(signature, signedData, policy);
}

Result<Signer> verifyCommit(const Repository& repository, std::string_view commit,
                            const VerifyPolicy& policy) {
  if (!policy.enabled()) return Signer{};
  auto signedCommit = repository.signedCommit(commit);
  if (!signedCommit) return fail(signedCommit.error());
  return verifySignature(signedCommit->signature, signedCommit->signedData, policy);
}

}  // namespace driftless::gitsource
