// Signed commits end to end: `driftless apply`/`plan`/`validate --env` with an
// environment's `verify:` against commits signed with real keys, pushed to the
// scenario's repository.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "tests/e2e/harness.h"
#include "tests/support/signing.h"

namespace driftless::e2e {
namespace {

namespace fs = std::filesystem;
using testing::GpgSigningKey;
using testing::SigningClone;
using testing::SshSigningKey;

// The scenario's config with `verify` added to every environment.
std::string withVerify(Scenario& s, const std::string& verify, const std::string& name) {
  ConfigOptions o{.environments = {{"dev", true, true}}, .s3State = false, .http = false};
  std::string path = s.writeConfig(o, name);
  std::stringstream text;
  text << std::ifstream(path).rdbuf();
  std::string y = text.str();
  const std::string anchor = "    maxPruneFraction: 1\n";
  y.replace(y.find(anchor), anchor.size(), anchor + "    verify: " + verify + "\n");
  std::ofstream(path) << y;
  return path;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(SignedCommits, SshOnlyCommitsByAnAllowedKeyAreAppliedOthersChangeNothing) {
  Scenario s(ConfigOptions{.environments = {{"dev", true, true}}, .s3State = false, .http = false});
  SshSigningKey alice(s.dir.path(), "alice");
  SshSigningKey mallory(s.dir.path(), "mallory");
  const fs::path allowed = s.dir.path() / "allowed_signers";
  alice.allow(allowed, "alice@example.com");
  std::string cfg =
      withVerify(s, "{ mode: ssh, allowedSignersFile: " + allowed.string() + " }", "signed.yaml");
  SigningClone clone(s.dir.path() / "git" / "infra.git", s.dir.path() / "work");
  const std::string file = "manifests/queues.yaml";
  int rc = 0;

  clone.commit("env/dev", {{file, s.queues({"a"})}}, alice);
  std::string out = s.cli({"apply", "--config", cfg, "--env", "dev"}, &rc);
  ASSERT_EQ(rc, 0) << out;
  EXPECT_EQ(s.countQueues(s.queueName("a", "dev")), 1);

  // Unsigned: refused, nothing created, nothing pruned.
  std::string c2 = clone.commitUnsigned("env/dev", {{file, s.queues({"b"})}});
  out = s.cli({"apply", "--config", cfg, "--env", "dev"}, &rc);
  EXPECT_NE(rc, 0) << out;
  EXPECT_TRUE(contains(out, "commit " + c2.substr(0, 7) + " refused: not signed")) << out;
  EXPECT_EQ(s.countQueues(s.queueName("b", "dev")), 0);
  EXPECT_EQ(s.countQueues(s.queueName("a", "dev")), 1);

  // Signed by a key that is not allowed: refused, naming the key.
  std::string c3 = clone.commit("env/dev", {{file, s.queues({"c"})}}, mallory);
  out = s.cli({"apply", "--config", cfg, "--env", "dev"}, &rc);
  EXPECT_NE(rc, 0) << out;
  EXPECT_TRUE(contains(out, "commit " + c3.substr(0, 7) + " refused: signed by ED25519 key " +
                                mallory.fingerprint() + ", which is not in the allowed signers"))
      << out;
  EXPECT_EQ(s.countQueues(s.queueName("c", "dev")), 0);
  EXPECT_EQ(s.countQueues(s.queueName("a", "dev")), 1);
  // plan and validate --env share the check.
  out = s.cli({"plan", "--config", cfg, "--env", "dev"}, &rc);
  EXPECT_NE(rc, 0) << out;
  EXPECT_TRUE(contains(out, "refused: signed by ED25519 key " + mallory.fingerprint())) << out;
  out = s.cli({"validate", "--config", cfg, "--env", "dev"}, &rc);
  EXPECT_NE(rc, 0) << out;
  EXPECT_TRUE(contains(out, "commit " + c3.substr(0, 7) + " refused: signed by ED25519 key"))
      << out;

  // A later good commit applies (and prunes what it no longer declares).
  clone.commit("env/dev", {{file, s.queues({"d"})}}, alice);
  out = s.cli({"apply", "--config", cfg, "--env", "dev"}, &rc);
  ASSERT_EQ(rc, 0) << out;
  EXPECT_EQ(s.countQueues(s.queueName("d", "dev")), 1);
  EXPECT_EQ(s.countQueues(s.queueName("a", "dev")), 0);
  EXPECT_EQ(s.countQueues(s.queueName("c", "dev")), 0);
}

TEST(SignedCommits, GpgOnlyCommitsByAKeyInTheKeyringAreApplied) {
  Scenario s(ConfigOptions{.environments = {{"dev", true, true}}, .s3State = false, .http = false});
  GpgSigningKey alice(s.dir.path(), "alice");
  GpgSigningKey mallory(s.dir.path(), "mallory");
  const fs::path keyring = s.dir.path() / "keyring.asc";
  alice.exportPublic(keyring);
  std::string cfg = withVerify(s, "{ mode: gpg, keyring: " + keyring.string() + " }", "gpg.yaml");
  SigningClone clone(s.dir.path() / "git" / "infra.git", s.dir.path() / "work");
  const std::string file = "manifests/queues.yaml";
  int rc = 0;

  std::string c1 = clone.commit("env/dev", {{file, s.queues({"g"})}}, mallory);
  std::string out = s.cli({"apply", "--config", cfg, "--env", "dev"}, &rc);
  EXPECT_NE(rc, 0) << out;
  EXPECT_TRUE(contains(out, "commit " + c1.substr(0, 7) + " refused: signed by GPG key " +
                                mallory.fingerprint + ", which is not in the keyring"))
      << out;
  EXPECT_EQ(s.countQueues(s.queueName("g", "dev")), 0);

  clone.commit("env/dev", {{file, s.queues({"g"})}}, alice);
  out = s.cli({"apply", "--config", cfg, "--env", "dev"}, &rc);
  ASSERT_EQ(rc, 0) << out;
  EXPECT_EQ(s.countQueues(s.queueName("g", "dev")), 1);
}

}  // namespace
}  // namespace driftless::e2e
