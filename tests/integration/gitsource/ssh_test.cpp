// ssh:// sources against a real sshd on 127.0.0.1: key file + passphrase from
// the environment, and known_hosts checking (unknown or changed host = error).
#include <git2.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "gitsource/repository.h"
#include "tests/gitsource/log_capture.h"
#include "tests/support/git_peer.h"
#include "tests/support/peer.h"

namespace driftless::gitsource {
namespace {

namespace fs = std::filesystem;
using driftless::testing::GitRemote;
using driftless::testing::LogCapture;
using driftless::testing::SshServer;
using driftless::testing::TempDir;

const std::string kPassphrase = "pp_Very_S3cret_42";

class SshSourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    git_libgit2_init();
    ASSERT_TRUE(git_libgit2_features() & GIT_FEATURE_SSH) << "libgit2 was built without SSH";
    clientKey = tmp.path() / "client_ed25519";
    std::string pub = driftless::testing::makeSshKey(clientKey, kPassphrase);
    ASSERT_FALSE(pub.empty());
    std::string error;
    server = SshServer::start(tmp.path() / "sshd", pub, &error);
    ASSERT_TRUE(server) << error;
    commit = remote.commit("env/dev", {{"manifests/orders.yaml", "Resources: {}\n"}});
    ASSERT_FALSE(commit.empty());
    ::setenv("DRIFTLESS_TEST_SSH_PASSPHRASE", kPassphrase.c_str(), 1);
  }
  void TearDown() override { ::unsetenv("DRIFTLESS_TEST_SSH_PASSPHRASE"); }

  fs::path knownHosts(const std::string& content) {
    auto path = tmp.path() / ("known_hosts." + std::to_string(files++));
    std::ofstream(path) << content;
    return path;
  }

  Result<FetchResult> fetchWith(const fs::path& knownHostsFile) {
    SourceOptions o;
    o.url = server->url(remote.barePath());
    o.cacheRoot = tmp.path() / "data" / "git";
    o.timeout = std::chrono::milliseconds(10000);
    o.auth.sshKeyFile = clientKey.string();
    o.auth.sshPassphraseEnv = "DRIFTLESS_TEST_SSH_PASSPHRASE";
    o.auth.knownHostsFile = knownHostsFile.string();
    auto repo = Repository::open(o);
    if (!repo) return fail(repo.error());
    return (*repo)->fetch({"env/dev"});
  }

  TempDir tmp;
  GitRemote remote{tmp.path()};
  fs::path clientKey;
  std::unique_ptr<SshServer> server;
  std::string commit;
  int files = 0;
};

TEST_F(SshSourceTest, KeyWithPassphraseAndKnownHostFetches) {
  LogCapture log;
  auto f = fetchWith(knownHosts(server->knownHostsLine() + "\n"));
  ASSERT_TRUE(f) << f.error().message << "\nsshd: " << server->log();
  EXPECT_EQ(f->heads.at("env/dev"), commit);
  EXPECT_EQ(log.text().find(kPassphrase), std::string::npos);
}

TEST_F(SshSourceTest, UnknownOrChangedHostKeyIsRefused) {
  std::string otherKey = driftless::testing::makeSshKey(tmp.path() / "other_host");
  struct Case {
    const char* why;
    std::string knownHosts;
    bool noFile;
    std::string mentions;
  } cases[] = {
      {"host not listed", "[127.0.0.1]:1 " + otherKey + "\n", false, "not in known_hosts"},
      {"host listed with another key",
       "[127.0.0.1]:" + std::to_string(server->port()) + " " + otherKey + "\n", false,
       "does not match"},
      {"no known_hosts configured", "", true, "knownHostsFile"},
  };
  for (const auto& c : cases) {
    auto f = fetchWith(c.noFile ? fs::path() : knownHosts(c.knownHosts));
    ASSERT_FALSE(f) << c.why;
    EXPECT_EQ(f.error().kind, ErrorKind::Invalid) << c.why << ": " << f.error().message;
    EXPECT_NE(f.error().message.find(c.mentions), std::string::npos)
        << c.why << ": " << f.error().message;
    EXPECT_EQ(f.error().message.find(kPassphrase), std::string::npos);
  }
}

}  // namespace
}  // namespace driftless::gitsource
