// Repository against real servers on 127.0.0.1: `git daemon` (git://) for the
// fetch paths and outages, a silent TCP listener for timeouts, and a small
// HTTP server that answers 401 for the token path.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>

#include "gitsource/repository.h"
#include "tests/gitsource/log_capture.h"
#include "tests/support/git_peer.h"
#include "tests/support/peer.h"

namespace driftless::gitsource {
namespace {

namespace fs = std::filesystem;
using driftless::testing::GitChange;
using driftless::testing::GitDaemon;
using driftless::testing::GitRemote;
using driftless::testing::LogCapture;
using driftless::testing::TempDir;

const std::string kQueue = "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n";

class GitDaemonTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    daemon = GitDaemon::start(tmp.path(), &error);
    ASSERT_TRUE(daemon) << error;
    remote.setPushUrl(daemon->url(remote.name()));
  }

  std::shared_ptr<Repository> open(std::string url = "") {
    SourceOptions o;
    o.url = url.empty() ? daemon->url(remote.name()) : url;
    o.cacheRoot = tmp.path() / "data" / "git";
    o.timeout = std::chrono::milliseconds(5000);
    o.fetchReuseWindow = std::chrono::milliseconds(0);
    auto repo = Repository::open(o);
    EXPECT_TRUE(repo) << repo.error().message;
    return repo ? *repo : nullptr;
  }

  TempDir tmp;
  GitRemote remote{tmp.path()};
  std::unique_ptr<GitDaemon> daemon;
};

TEST_F(GitDaemonTest, PushWhileInUseIsSeenOnNextFetch) {
  std::string c1 = remote.commit("env/dev", {{"manifests/orders.yaml", kQueue}});
  ASSERT_FALSE(c1.empty());
  auto repo = open();
  ASSERT_TRUE(repo);
  auto f1 = repo->fetch({"env/dev"});
  ASSERT_TRUE(f1) << f1.error().message;
  EXPECT_EQ(f1->heads.at("env/dev"), c1);
  auto s1 = repo->snapshot(c1, "manifests", "dev");
  ASSERT_TRUE(s1) << s1.error().message;
  EXPECT_EQ(s1->files.size(), 1u);

  // Nothing new: unchanged, and the branch has not moved.
  auto noop = repo->fetch({"env/dev"});
  ASSERT_TRUE(noop) << noop.error().message;
  EXPECT_FALSE(noop->changed);
  EXPECT_FALSE(repo->movedSince("env/dev", c1).value());

  // Someone pushes (over the daemon) while the source is in use.
  std::string c2 = remote.commit("env/dev", {{"manifests/billing.yaml", kQueue}}, "add billing");
  ASSERT_FALSE(c2.empty());
  auto f2 = repo->fetch({"env/dev"});
  ASSERT_TRUE(f2) << f2.error().message;
  EXPECT_TRUE(f2->changed);
  EXPECT_EQ(f2->heads.at("env/dev"), c2);
  EXPECT_TRUE(repo->movedSince("env/dev", c1).value());
  auto s2 = repo->snapshot(c2, "manifests", "dev");
  ASSERT_TRUE(s2) << s2.error().message;
  EXPECT_EQ(s2->subject, "add billing");
  EXPECT_EQ(s2->files.size(), 2u);
}

TEST_F(GitDaemonTest, ForcePushAndDeletedBranchOverTheNetwork) {
  remote.commit("env/dev", {{"manifests/a.yaml", kQueue}});
  std::string old = remote.commit("env/dev", {{"manifests/b.yaml", kQueue}});
  std::string prod = remote.commit("env/prod", {{"manifests/a.yaml", kQueue}});
  auto repo = open();
  ASSERT_TRUE(repo);
  ASSERT_TRUE(repo->fetch({"env/dev", "env/prod"}));

  GitChange change;
  change.write = {{"manifests/c.yaml", kQueue}};
  std::string rewritten = remote.rewrite("env/dev", change);
  auto f = repo->fetch({"env/dev"});
  ASSERT_TRUE(f) << f.error().message;
  EXPECT_EQ(f->heads.at("env/dev"), rewritten);
  ASSERT_EQ(f->notices.size(), 1u);
  EXPECT_NE(f->notices[0].find(old.substr(0, 7) + " is no longer an ancestor"), std::string::npos)
      << f->notices[0];

  remote.deleteBranch("env/prod");
  auto gone = repo->fetch({"env/prod"});
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error().kind, ErrorKind::NotFound);
  EXPECT_NE(gone.error().message.find("branch env/prod not found"), std::string::npos);
  EXPECT_NE(gone.error().message.find(daemon->url(remote.name())), std::string::npos);
  // The commit last applied from prod can still be read.
  EXPECT_TRUE(repo->snapshot(prod, "manifests", "prod"));
}

TEST_F(GitDaemonTest, UnreachableRemoteIsATransientErrorAndTheNextFetchRetries) {
  std::string c1 = remote.commit("env/dev", {{"manifests/orders.yaml", kQueue}});
  auto repo = open();
  ASSERT_TRUE(repo);
  ASSERT_TRUE(repo->fetch({"env/dev"}));
  std::string c2 = remote.commit("env/dev", {{"manifests/b.yaml", kQueue}});

  daemon->stop();
  auto down = repo->fetch({"env/dev"});
  ASSERT_FALSE(down);
  EXPECT_EQ(down.error().kind, ErrorKind::Transient);
  EXPECT_NE(down.error().message.find(daemon->url(remote.name())), std::string::npos)
      << down.error().message;
  // The cache still answers with what it had.
  EXPECT_EQ(repo->resolve("env/dev").value(), c1);

  std::string error;
  ASSERT_TRUE(daemon->restart(&error)) << error;
  auto up = repo->fetch({"env/dev"});
  ASSERT_TRUE(up) << up.error().message;
  EXPECT_EQ(up->heads.at("env/dev"), c2);
}

// A peer that accepts connections and never says a word.
class SilentListener {
 public:
  SilentListener() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    ::listen(fd_, 16);
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
  }
  ~SilentListener() { ::close(fd_); }
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

TEST_F(GitDaemonTest, SilentRemoteTimesOutWithTheConfiguredTimeout) {
  SilentListener silent;
  const std::string hostPort = "127.0.0.1:" + std::to_string(silent.port());
  for (const std::string& url :
       {"git://" + hostPort + "/infra.git", "https://" + hostPort + "/infra.git",
        "http://" + hostPort + "/infra.git"}) {
    SCOPED_TRACE(url);
    SourceOptions o;
    o.url = url;
    o.cacheRoot = tmp.path() / "data" / "git";
    o.timeout = std::chrono::milliseconds(300);
    auto repo = Repository::open(o);
    ASSERT_TRUE(repo) << repo.error().message;
    // The second call tries again: a failure is not cached.
    for (int attempt = 0; attempt < 2; ++attempt) {
      auto f = (*repo)->fetch({"env/dev"}, false);
      ASSERT_FALSE(f);
      EXPECT_EQ(f.error().kind, ErrorKind::Transient);
      EXPECT_NE(f.error().message.find("timed out after 300 ms"), std::string::npos)
          << f.error().message;
      EXPECT_NE(f.error().message.find(url), std::string::npos) << f.error().message;
    }
    EXPECT_EQ((*repo)->fetchCount(), 2u);
  }
}

// An HTTP server that asks for credentials and rejects them, writing each
// Authorization header it received to a file (so the test knows the token was sent).
class UnauthorizedServer {
 public:
  explicit UnauthorizedServer(const fs::path& dir) {
    port_ = driftless::testing::freePort();
    seen_ = dir / "authorization.log";
    std::string code = R"(
import http.server, sys
seen = sys.argv[2]
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        auth = self.headers.get('Authorization')
        if auth:
            open(seen, 'a').write(auth + '\n')
        self.send_response(401)
        self.send_header('WWW-Authenticate', 'Basic realm="git"')
        self.send_header('Content-Length', '0')
        self.end_headers()
    def log_message(self, *a):
        pass
http.server.HTTPServer(('127.0.0.1', int(sys.argv[1])), H).serve_forever()
)";
    std::string why;
    std::string python = driftless::testing::pythonWithMoto(&why);
    if (python.empty()) python = "python3";
    process_ = std::make_unique<driftless::testing::Process>(
        std::vector<std::string>{python, "-c", code, std::to_string(port_), seen_.string()},
        driftless::testing::EnvVars{}, (dir / "http.log").string());
    ready_ = driftless::testing::waitForPort(port_, 15000, process_->pid());
  }
  bool ready() const { return ready_; }
  std::string log() const { return process_->log(); }
  int port() const { return port_; }
  std::string seen() const {
    std::ifstream in(seen_);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }

 private:
  int port_ = 0;
  fs::path seen_;
  bool ready_ = false;
  std::unique_ptr<driftless::testing::Process> process_;
};

std::string grepTree(const fs::path& root, const std::string& needle) {
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (!e.is_regular_file()) continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (text.find(needle) != std::string::npos) return e.path().string();
  }
  return "";
}

TEST_F(GitDaemonTest, TokenIsSentButNeverShownOrStored) {
  UnauthorizedServer server(tmp.path());
  ASSERT_TRUE(server.ready()) << "HTTP peer did not start: " << server.log();
  const std::string token = "tok_S3cr3t_9f8e7d6c5b4a";
  ASSERT_EQ(::setenv("DRIFTLESS_TEST_GIT_TOKEN", token.c_str(), 1), 0);
  const std::string urlPassword = "pw_Hidden_123";

  LogCapture log;
  struct Case {
    const char* why;
    std::string url;
    std::string shown;
  } cases[] = {
      {"token from env", "http://127.0.0.1:" + std::to_string(server.port()) + "/acme/infra.git",
       "http://127.0.0.1:" + std::to_string(server.port()) + "/acme/infra.git"},
      {"credentials written in the URL",
       "http://deploy:" + urlPassword + "@127.0.0.1:" + std::to_string(server.port()) +
           "/acme/infra.git",
       "http://127.0.0.1:" + std::to_string(server.port()) + "/acme/infra.git"},
  };
  std::string everything;
  for (const auto& c : cases) {
    SourceOptions o;
    o.url = c.url;
    o.cacheRoot = tmp.path() / "data" / "git";
    o.timeout = std::chrono::milliseconds(5000);
    o.auth.tokenEnv = "DRIFTLESS_TEST_GIT_TOKEN";
    auto repo = Repository::open(o);
    ASSERT_TRUE(repo) << repo.error().message;
    EXPECT_EQ((*repo)->displayUrl(), c.shown) << c.why;
    auto f = (*repo)->fetch({"env/dev"});
    ASSERT_FALSE(f) << c.why;
    EXPECT_EQ(f.error().kind, ErrorKind::Invalid) << c.why << ": " << f.error().message;
    EXPECT_NE(f.error().message.find("authentication failed"), std::string::npos)
        << f.error().message;
    EXPECT_NE(f.error().message.find(c.shown), std::string::npos) << f.error().message;
    everything += f.error().message + "\n" + f.error().describe() + "\n";
  }
  everything += log.text();
  EXPECT_EQ(everything.find(token), std::string::npos) << everything;
  EXPECT_EQ(everything.find(urlPassword), std::string::npos) << everything;
  EXPECT_EQ(grepTree(tmp.path() / "data", token), "") << "token written to disk";
  EXPECT_EQ(grepTree(tmp.path() / "data", urlPassword), "") << "password written to disk";
  // The token did go to the server, as HTTP basic auth.
  std::string sent = server.seen();
  std::string basic = "x-access-token:" + token;
  int rc = 0;
  std::string encoded = driftless::testing::runCommand({"base64", "-w0"}, &rc, {}, basic);
  ASSERT_EQ(rc, 0);
  EXPECT_NE(sent.find("Basic " + encoded), std::string::npos) << sent;
  ::unsetenv("DRIFTLESS_TEST_GIT_TOKEN");
}

TEST_F(GitDaemonTest, MissingTokenVariableIsNamedInTheError) {
  UnauthorizedServer server(tmp.path());
  ASSERT_TRUE(server.ready()) << "HTTP peer did not start: " << server.log();
  ::unsetenv("DRIFTLESS_TEST_UNSET_TOKEN");
  SourceOptions o;
  o.url = "http://127.0.0.1:" + std::to_string(server.port()) + "/infra.git";
  o.cacheRoot = tmp.path() / "data" / "git";
  o.auth.tokenEnv = "DRIFTLESS_TEST_UNSET_TOKEN";
  auto repo = Repository::open(o);
  ASSERT_TRUE(repo);
  auto f = (*repo)->fetch({"env/dev"});
  ASSERT_FALSE(f);
  EXPECT_EQ(f.error().kind, ErrorKind::Invalid);
  EXPECT_NE(f.error().message.find("DRIFTLESS_TEST_UNSET_TOKEN"), std::string::npos)
      << f.error().message;
}

}  // namespace
}  // namespace driftless::gitsource
