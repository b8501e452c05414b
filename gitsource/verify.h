#pragma once
// Signed commits (the environment's `verify:`): a commit is reconciled only if
// its signature (the `gpgsig` header) was made by a key the operator allowed.
// An unsigned commit, or one signed by any other key, is refused like a broken
// commit. No libgit2 or gpgme type crosses this header.
#include <filesystem>
#include <string>
#include <string_view>

#include "providers/error.h"

namespace driftless::gitsource {

class Repository;

struct VerifyPolicy {
  enum class Mode { Off, Ssh, Gpg };
  Mode mode = Mode::Off;
  // ssh: an OpenSSH allowed_signers file (ssh-keygen(1) "ALLOWED SIGNERS"); a
  // signature is checked in the "git" namespace, exactly as `git verify-commit`
  // with gpg.format=ssh does, by running ssh-keygen -Y find-principals / verify.
  std::filesystem::path allowedSignersFile;
  // gpg: a file of OpenPGP public keys (`gpg --export [--armor] KEY...`); any key
  // in it is allowed. Verified with gpgme in a private, temporary GnuPG home, so
  // the user's own keyring and trust database never take part.
  std::filesystem::path keyring;

  bool enabled() const { return mode != Mode::Off; }
};

std::string_view toString(VerifyPolicy::Mode mode);  // "off", "ssh", "gpg"

// Who signed an accepted commit, for the log and history.
struct Signer {
  std::string principal;         // ssh: the allowed_signers principal; gpg: the key's first user id
  std::string fingerprint;       // ssh: "SHA256:<base64>"; gpg: the key's hex fingerprint
  std::string describe() const;  // "ci@example.com (SHA256:...)"
};

// Verifies `signature` (as found in a gpgsig header) over `signedData` (the
// commit object without that header). Errors (kind Invalid) are one line without
// the commit id, naming the signer when there is one, e.g.
//   "signed by ED25519 key SHA256:Xy…, which is not in the allowed signers file /etc/a"
//   "not signed (verify.mode is ssh: every commit must be signed)"
// With the policy off, returns an empty Signer.
Result<Signer> verifySignature(std::string_view signature, std::string_view signedData,
                               const VerifyPolicy& policy);

// Reads `commit`'s signature from the repository's object database and verifies
// it (no network). The commit must be known to the cache (NotFound otherwise).
Result<Signer> verifyCommit(const Repository& repository, std::string_view commit,
                            const VerifyPolicy& policy);

}  // namespace driftless::gitsource
