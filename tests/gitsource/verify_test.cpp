// Signed commits: verifyCommit against commits signed by real keys (ssh-keygen
// ed25519 keys and GnuPG keys in a private GNUPGHOME) with real git.
#include "gitsource/verify.h"

#include <gtest/gtest.h>

#include <fstream>

#include "gitsource/repository.h"
#include "tests/support/git_peer.h"
#include "tests/support/peer.h"
#include "tests/support/signing.h"

namespace driftless::gitsource {
namespace {

namespace fs = std::filesystem;
using driftless::testing::GitRemote;
using driftless::testing::GpgSigningKey;
using driftless::testing::SigningClone;
using driftless::testing::SshSigningKey;
using driftless::testing::TempDir;

const std::map<std::string, std::string> kFiles{
    {"manifests/orders.yaml", "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n"}};

class VerifyTest : public ::testing::Test {
 protected:
  TempDir tmp;
  GitRemote remote{tmp.path()};
  SigningClone clone{remote.barePath(), tmp.path() / "work"};

  std::shared_ptr<Repository> fetched() {
    SourceOptions o;
    o.url = remote.fileUrl();
    o.cacheRoot = tmp.path() / "cache";
    auto repo = Repository::open(o);
    EXPECT_TRUE(repo.has_value()) << (repo ? "" : repo.error().message);
    if (!repo) return nullptr;
    auto f = (*repo)->fetch({"env/dev"}, false);
    EXPECT_TRUE(f.has_value()) << (f ? "" : f.error().message);
    return *repo;
  }
};

TEST_F(VerifyTest, SshAllowedKeyPassesOthersAndUnsignedAreRefusedNamingTheSigner) {
  SshSigningKey alice(tmp.path(), "alice");
  SshSigningKey mallory(tmp.path(), "mallory");
  const fs::path allowed = tmp.path() / "allowed_signers";
  alice.allow(allowed, "alice@example.com");
  VerifyPolicy policy{.mode = VerifyPolicy::Mode::Ssh, .allowedSignersFile = allowed};

  std::string good = clone.commit("env/dev", kFiles, alice);
  std::string bad = clone.commit("env/dev", kFiles, mallory);
  std::string unsigned_ = clone.commitUnsigned("env/dev", kFiles);
  auto repo = fetched();
  ASSERT_TRUE(repo);

  auto ok = verifyCommit(*repo, good, policy);
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->principal, "alice@example.com");
  EXPECT_EQ(ok->fingerprint, alice.fingerprint());

  auto other = verifyCommit(*repo, bad, policy);
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().kind, ErrorKind::Invalid);
  EXPECT_EQ(other.error().message, "signed by ED25519 key " + mallory.fingerprint() +
                                       ", which is not in the allowed signers file " +
                                       allowed.string());

  auto none = verifyCommit(*repo, unsigned_, policy);
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().kind, ErrorKind::Invalid);
  EXPECT_EQ(none.error().message,
            "not signed (verify.mode is ssh: every commit must be signed "
            "by a key in " +
                allowed.string() + ")");

  // Off: nothing is checked.
  EXPECT_TRUE(verifyCommit(*repo, unsigned_, VerifyPolicy{}));
}

TEST_F(VerifyTest, SshSignatureOverOtherDataOrNamespaceDoesNotVerify) {
  SshSigningKey alice(tmp.path(), "alice");
  const fs::path allowed = tmp.path() / "allowed_signers";
  alice.allow(allowed, "alice@example.com");
  VerifyPolicy policy{.mode = VerifyPolicy::Mode::Ssh, .allowedSignersFile = allowed};
  std::string good = clone.commit("env/dev", kFiles, alice);
  auto repo = fetched();
  ASSERT_TRUE(repo);
  auto sc = repo->signedCommit(good);
  ASSERT_TRUE(sc) << sc.error().message;
  ASSERT_TRUE(verifySignature(sc->signature, sc->signedData, policy));

  // The same signature over a tampered commit (another tree) is refused.
  std::string tampered = sc->signedData;
  tampered[tampered.find("tree ") + 5] = tampered[tampered.find("tree ") + 5] == 'a' ? 'b' : 'a';
  auto r = verifySignature(sc->signature, tampered, policy);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("signature by alice@example.com (" + alice.fingerprint() +
                                   ") does not verify"),
            std::string::npos)
      << r.error().message;

  // A key allowed only for another namespace is not allowed for git.
  const fs::path fileOnly = tmp.path() / "allowed_file_only";
  std::ofstream(fileOnly) << "alice@example.com namespaces=\"file\" " << alice.publicKey << "\n";
  VerifyPolicy narrow{.mode = VerifyPolicy::Mode::Ssh, .allowedSignersFile = fileOnly};
  EXPECT_FALSE(verifySignature(sc->signature, sc->signedData, narrow));

  // A missing allowed signers file refuses, naming it.
  VerifyPolicy missing{.mode = VerifyPolicy::Mode::Ssh, .allowedSignersFile = tmp.path() / "nope"};
  auto m = verifySignature(sc->signature, sc->signedData, missing);
  ASSERT_FALSE(m);
  EXPECT_NE(m.error().message.find((tmp.path() / "nope").string() + " cannot be read"),
            std::string::npos)
      << m.error().message;
}

TEST_F(VerifyTest, GpgKeyInKeyringPassesOthersAndUnsignedAreRefused) {
  GpgSigningKey alice(tmp.path(), "alice");
  GpgSigningKey mallory(tmp.path(), "mallory");
  const fs::path keyring = tmp.path() / "keyring.asc";
  alice.exportPublic(keyring);
  VerifyPolicy policy{.mode = VerifyPolicy::Mode::Gpg, .keyring = keyring};

  std::string good = clone.commit("env/dev", kFiles, alice);
  std::string bad = clone.commit("env/dev", kFiles, mallory);
  std::string unsigned_ = clone.commitUnsigned("env/dev", kFiles);
  auto repo = fetched();
  ASSERT_TRUE(repo);

  auto ok = verifyCommit(*repo, good, policy);
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->fingerprint, alice.fingerprint);
  EXPECT_EQ(ok->principal, alice.uid);

  auto other = verifyCommit(*repo, bad, policy);
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().kind, ErrorKind::Invalid);
  EXPECT_EQ(other.error().message, "signed by GPG key " + mallory.fingerprint +
                                       ", which is not in the keyring " + keyring.string());

  auto none = verifyCommit(*repo, unsigned_, policy);
  ASSERT_FALSE(none);
  EXPECT_NE(none.error().message.find("not signed"), std::string::npos);

  // An SSH-signed commit where GPG is required is refused for what it is.
  SshSigningKey sshKey(tmp.path(), "ssh");
  std::string sshSigned = clone.commit("env/dev", kFiles, sshKey);
  repo = fetched();
  auto wrongKind = verifyCommit(*repo, sshSigned, policy);
  ASSERT_FALSE(wrongKind);
  EXPECT_EQ(wrongKind.error().message, "signed with an SSH signature, but verify.mode is gpg");
}

}  // namespace
}  // namespace driftless::gitsource
