// The environment's `verify:` (signed commits) as loaded from the config.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "controller/config.h"
#include "tests/support/peer.h"

namespace driftless::config {
namespace {

namespace fs = std::filesystem;
using Mode = gitsource::VerifyPolicy::Mode;

TEST(ConfigVerify, SshAndGpgPoliciesLoadWithPathsAgainstTheConfigFolder) {
  testing::TempDir dir;
  const fs::path file = dir.path() / "driftless.yaml";
  std::ofstream(file) << "controller: { id: c1 }\n"
                         "source: { url: /srv/infra.git }\n"
                         "environments:\n"
                         "  dev: { branch: env/dev, region: us-east-1,\n"
                         "         verify: { mode: ssh, allowedSignersFile: allowed_signers } }\n"
                         "  prod: { branch: env/prod, region: us-east-1,\n"
                         "          verify: { mode: gpg, keyring: /etc/driftless/keys.asc } }\n"
                         "  test: { branch: env/test, region: us-east-1 }\n";
  auto result = loadConfig(file);
  ASSERT_TRUE(result.has_value()) << result.error().front().format();
  const auto& dev = result->environments.at("dev").verify;
  EXPECT_EQ(dev.mode, Mode::Ssh);
  EXPECT_EQ(dev.allowedSignersFile,
            fs::absolute(dir.path()).lexically_normal() / "allowed_signers");
  const auto& prod = result->environments.at("prod").verify;
  EXPECT_EQ(prod.mode, Mode::Gpg);
  EXPECT_EQ(prod.keyring, "/etc/driftless/keys.asc");
  EXPECT_EQ(result->environments.at("test").verify.mode, Mode::Off);
}

}  // namespace
}  // namespace driftless::config
