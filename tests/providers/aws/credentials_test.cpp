#include "providers/aws/credentials.h"

#include <gtest/gtest.h>

#include <fstream>

#include "providers/aws/http_client.h"
#include "tests/support/peer.h"

namespace driftless::aws {
namespace {

using namespace std::chrono_literals;
using Time = std::chrono::system_clock::time_point;

EnvLookup envOf(std::map<std::string, std::string> vars) {
  return [vars](std::string_view name) -> std::optional<std::string> {
    auto it = vars.find(std::string(name));
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

// A source whose fetch waits on a gate the test opens, so a test can see
// whether get() blocked on it.
class GatedProvider final : public RefreshingCredentialsProvider {
 public:
  GatedProvider(asio::io_context& io, Time* now)
      : RefreshingCredentialsProvider([now] { return *now; }, 5min), io_(io), now_(now) {}
  std::string name() const override { return "gated"; }
  void open() {
    open_ = true;
    for (auto& g : gates_)
      g->cancel();
    gates_.clear();
  }
  void close() { open_ = false; }
  bool failNext = false;

 protected:
  Awaitable<Result<Credentials>> fetch() override {
    int n = ++started_;
    if (!open_) {
      auto gate =
          std::make_shared<asio::steady_timer>(io_, std::chrono::steady_clock::time_point::max());
      gates_.push_back(gate);
      boost::system::error_code ec;
      co_await gate->async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
    if (failNext) {
      failNext = false;
      co_return fail(ErrorKind::Transient, "gated: refresh failed");
    }
    co_return Credentials{
        .accessKeyId = "AK" + std::to_string(n), .secretAccessKey = "SK", .expiration = *now_ + 1h};
  }

 private:
  asio::io_context& io_;
  Time* now_;
  bool open_ = true;
  int started_ = 0;
  std::vector<std::shared_ptr<asio::steady_timer>> gates_;
};

struct Outcome {
  bool done = false;
  Result<Credentials> result = fail(ErrorKind::Fatal, "not run");
};

std::shared_ptr<Outcome> start(asio::io_context& io, std::shared_ptr<CredentialsProvider> p) {
  auto out = std::make_shared<Outcome>();
  asio::co_spawn(
      io,
      [p, out]() -> Awaitable<void> {
        out->result = co_await p->get();
        out->done = true;
      },
      asio::detached);
  return out;
}

void settle(asio::io_context& io) {
  io.restart();
  io.poll();
}

TEST(RefreshingCredentials, CachedUntilTheRefreshWindowThenRefreshedInTheBackground) {
  asio::io_context io;
  Time now = Time() + 1000h;
  auto p = std::make_shared<GatedProvider>(io, &now);
  auto first = start(io, p);
  settle(io);
  ASSERT_TRUE(first->done && first->result);
  EXPECT_EQ(first->result->accessKeyId, "AK1");

  now += 50min;  // 10 min left: still fresh
  auto second = start(io, p);
  settle(io);
  ASSERT_TRUE(second->done);
  EXPECT_EQ(second->result->accessKeyId, "AK1");
  EXPECT_EQ(p->fetches(), 1u);

  now += 6min;  // 4 min left: inside the 5 min window
  p->close();
  auto third = start(io, p);
  settle(io);
  // served at once from the cache while the refresh waits behind the gate
  ASSERT_TRUE(third->done);
  EXPECT_EQ(third->result->accessKeyId, "AK1");
  auto fourth = start(io, p);
  settle(io);
  ASSERT_TRUE(fourth->done);  // a second caller does not start or wait for another refresh
  EXPECT_EQ(fourth->result->accessKeyId, "AK1");
  p->open();
  settle(io);
  EXPECT_EQ(p->fetches(), 2u);
  auto fifth = start(io, p);
  settle(io);
  ASSERT_TRUE(fifth->done);
  EXPECT_EQ(fifth->result->accessKeyId, "AK2");
}

TEST(RefreshingCredentials, ConcurrentCallersOfAnEmptyCacheShareOneFetch) {
  asio::io_context io;
  Time now = Time() + 1000h;
  auto p = std::make_shared<GatedProvider>(io, &now);
  p->close();
  std::vector<std::shared_ptr<Outcome>> outs;
  for (int i = 0; i < 10; ++i)
    outs.push_back(start(io, p));
  settle(io);
  for (auto& o : outs)
    EXPECT_FALSE(o->done);  // nothing to serve yet: they wait
  p->open();
  settle(io);
  for (auto& o : outs) {
    ASSERT_TRUE(o->done);
    ASSERT_TRUE(o->result);
    EXPECT_EQ(o->result->accessKeyId, "AK1");
  }
  EXPECT_EQ(p->fetches(), 1u);
}

TEST(RefreshingCredentials, ExpiredAndRefreshFailingIsAnErrorThenRetried) {
  asio::io_context io;
  Time now = Time() + 1000h;
  auto p = std::make_shared<GatedProvider>(io, &now);
  auto first = start(io, p);
  settle(io);
  ASSERT_TRUE(first->result);
  now += 2h;  // expired
  p->failNext = true;
  auto second = start(io, p);
  settle(io);
  ASSERT_TRUE(second->done);
  ASSERT_FALSE(second->result);
  EXPECT_EQ(second->result.error().message, "gated: refresh failed");
  auto third = start(io, p);
  settle(io);
  ASSERT_TRUE(third->done && third->result);
  EXPECT_EQ(third->result->accessKeyId, "AK3");
}

TEST(SharedFiles, IniParsing) {
  IniFile ini = parseIni(
      "# comment\n[default]\naws_access_key_id = AK \n; other comment\n"
      "[profile dev]\nrole_arn=arn:aws:iam::1:role/r\nsource_profile = default\n\n[empty]\n");
  EXPECT_EQ(ini["default"]["aws_access_key_id"], "AK");
  EXPECT_EQ(ini["profile dev"]["role_arn"], "arn:aws:iam::1:role/r");
  EXPECT_EQ(ini["profile dev"]["source_profile"], "default");
  EXPECT_TRUE(ini.contains("empty"));
}

class ChainTest : public ::testing::Test {
 protected:
  Result<Credentials> resolve(std::map<std::string, std::string> env,
                              std::string* chosen = nullptr) {
    env["HOME"] = home_.str();
    env.emplace("AWS_EC2_METADATA_DISABLED", "true");
    auto chain = defaultCredentialsChain(transport_, {.env = envOf(env)});
    auto f = asio::co_spawn(io_, chain->get(), asio::use_future);
    io_.restart();
    io_.run();
    if (chosen) *chosen = chain->name();
    return f.get();
  }
  void write(const std::string& rel, const std::string& text) {
    std::filesystem::create_directories((home_.path() / rel).parent_path());
    std::ofstream(home_.path() / rel) << text;
  }

  driftless::testing::TempDir home_;
  asio::io_context io_;
  HttpTransport transport_{io_};
};

TEST_F(ChainTest, EnvironmentComesFirst) {
  write(".aws/credentials", "[default]\naws_access_key_id=FILE\naws_secret_access_key=S\n");
  std::string chosen;
  auto c = resolve(
      {{"AWS_ACCESS_KEY_ID", "ENV"}, {"AWS_SECRET_ACCESS_KEY", "S"}, {"AWS_SESSION_TOKEN", "T"}},
      &chosen);
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->accessKeyId, "ENV");
  EXPECT_EQ(c->sessionToken, "T");
  EXPECT_EQ(chosen, "environment");
}

TEST_F(ChainTest, DefaultProfileFromTheHomeDirectory) {
  write(".aws/credentials", "[default]\naws_access_key_id=FILE\naws_secret_access_key=S\n");
  std::string chosen;
  auto c = resolve({}, &chosen);
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->accessKeyId, "FILE");
  EXPECT_EQ(chosen, "profile default");
}

TEST_F(ChainTest, NamedProfileFromConfigFileVariables) {
  write("elsewhere/creds", "[other]\naws_access_key_id=NOPE\naws_secret_access_key=S\n");
  write("elsewhere/config",
        "[profile dev]\naws_access_key_id=DEV\naws_secret_access_key=S\n"
        "aws_session_token=TOK\n");
  auto c = resolve({{"AWS_PROFILE", "dev"},
                    {"AWS_SHARED_CREDENTIALS_FILE", home_.str() + "/elsewhere/creds"},
                    {"AWS_CONFIG_FILE", home_.str() + "/elsewhere/config"}});
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->accessKeyId, "DEV");
  EXPECT_EQ(c->sessionToken, "TOK");
}

TEST_F(ChainTest, CredentialsFileWinsOverConfigForTheSameProfile) {
  write(".aws/credentials", "[dev]\naws_access_key_id=CREDS\naws_secret_access_key=S\n");
  write(".aws/config", "[profile dev]\naws_access_key_id=CONFIG\naws_secret_access_key=S\n");
  auto c = resolve({{"AWS_PROFILE", "dev"}});
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->accessKeyId, "CREDS");
}

TEST_F(ChainTest, NothingConfiguredNamesEverySource) {
  auto c = resolve({});
  ASSERT_FALSE(c);
  const std::string& m = c.error().message;
  EXPECT_EQ(c.error().kind, ErrorKind::Invalid);
  for (auto part : {"no AWS credentials found", "environment: AWS_ACCESS_KEY_ID",
                    "profile: no [default] profile", "web identity: AWS_WEB_IDENTITY_TOKEN_FILE",
                    "container: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
                    "instance metadata: AWS_EC2_METADATA_DISABLED"})
    EXPECT_NE(m.find(part), std::string::npos) << part << " in: " << m;
}

TEST_F(ChainTest, MissingNamedProfileIsAnError) {
  auto c = resolve({{"AWS_PROFILE", "ghost"}});
  ASSERT_FALSE(c);
  EXPECT_NE(c.error().message.find("profile ghost: not found"), std::string::npos)
      << c.error().message;
}

TEST_F(ChainTest, ContainerFullUriMustBeLocal) {
  auto c = resolve({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://203.0.113.9/creds"}});
  ASSERT_FALSE(c);
  EXPECT_NE(c.error().message.find("neither https nor a loopback"), std::string::npos)
      << c.error().message;
}

}  // namespace
}  // namespace driftless::aws
