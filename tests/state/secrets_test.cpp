#include "state/secrets.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>

#include "tests/support/peer.h"

namespace driftless::state {
namespace {

TypeInfo lambdaLike() {
  TypeInfo info;
  info.type = "Test::Lambda::Function";
  info.properties = {
      PropertySpec::string("FunctionName"),
      PropertySpec::object("Environment",
                           {PropertySpec::map("Variables", PropertySpec::string("Value").sec())}),
      PropertySpec::string("Password").sec(),
      PropertySpec::list("Users",
                         PropertySpec::object("User", {PropertySpec::string("Name"),
                                                       PropertySpec::string("Token").sec()})),
  };
  return info;
}

Value props() {
  auto v = Value::fromJson(R"({
    "FunctionName": "orders",
    "Environment": {"Variables": {"DB_PASSWORD": "hunter22", "PORT": 5432}},
    "Password": "s3cr3t-value",
    "Users": [{"Name": "ann", "Token": "tok-ann"}, {"Name": "bob"}]
  })");
  return *v;
}

TEST(SecretHasher, IsKeyedDeterministicAndIdempotent) {
  SecretHasher a("key-aaaaaaaaaaaaaaaa"), b("key-bbbbbbbbbbbbbbbb");
  std::string h = a.hash(Value("hunter22"));
  EXPECT_TRUE(h.starts_with("hmac-sha256:"));
  EXPECT_EQ(h.size(), 12u + 64u);
  EXPECT_EQ(h, a.hash(Value("hunter22")));
  EXPECT_NE(h, b.hash(Value("hunter22"))) << "the key must matter";
  EXPECT_NE(h, a.hash(Value("hunter23")));
  EXPECT_EQ(a.hash(Value(h)), h) << "hashing a hash keeps it";
  EXPECT_EQ(a.hash(Value(5432)), a.hash(Value("5432"))) << "numbers as AWS returns them";
  EXPECT_TRUE(a.matches(Value("hunter22"), Value(h)));
  EXPECT_FALSE(a.matches(Value("hunter23"), Value(h)));
}

TEST(SecretHasher, MatchesAKnownHmac) {
  // RFC 4231 test case 2: HMAC-SHA256("Jefe", "what do ya want for nothing?")
  SecretHasher h("Jefe");
  EXPECT_EQ(h.hash(Value("what do ya want for nothing?")),
            "hmac-sha256:5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(HashSecrets, ReplacesEverySecretPathAndNothingElse) {
  SecretHasher hasher("key-aaaaaaaaaaaaaaaa");
  Value out = hashSecrets(lambdaLike(), props(), hasher);
  std::string json = out.toJson();
  for (const char* clear : {"hunter22", "s3cr3t-value", "tok-ann", "5432"}) {
    EXPECT_EQ(json.find(clear), std::string::npos) << clear << " in " << json;
  }
  EXPECT_TRUE(isSecretHash(*out.findPath("Environment.Variables.DB_PASSWORD")));
  EXPECT_TRUE(isSecretHash(*out.findPath("Password")));
  EXPECT_TRUE(isSecretHash(*out.findPath("Users.0.Token")));
  EXPECT_EQ(*out.findPath("FunctionName"), Value("orders"));
  EXPECT_EQ(*out.findPath("Users.1.Name"), Value("bob"));
  EXPECT_EQ(out.findPath("Users.1.Token"), nullptr) << "absent stays absent";
  EXPECT_EQ(hashSecrets(lambdaLike(), out, hasher), out) << "idempotent";

  Value masked = maskSecrets(lambdaLike(), props());
  EXPECT_EQ(*masked.findPath("Password"), Value("(secret)"));
  EXPECT_EQ(*masked.findPath("Environment.Variables.PORT"), Value("(secret)"));
}

TEST(HashSecrets, SecretPathsAreFoundByName) {
  TypeInfo info = lambdaLike();
  struct Case {
    const char* path;
    bool secret;
  } cases[] = {
      {"Password", true},
      {"Environment.Variables.DB_PASSWORD", true},
      {"Environment.Variables", false},
      {"Users.0.Token", true},
      {"Users.0.Name", false},
      {"FunctionName", false},
      {"Unknown.Path", false},
  };
  for (const auto& c : cases)
    EXPECT_EQ(isSecretPath(info, c.path), c.secret) << c.path;
}

TEST(SecretKey, IsCreatedPrivateOnceAndReused) {
  ::unsetenv("DRIFTLESS_STATE_KEY");
  driftless::testing::TempDir dir;
  auto first = SecretHasher::load(dir.path());
  ASSERT_TRUE(first) << first.error().describe();
  struct stat st {};
  ASSERT_EQ(::stat((dir.path() / "state.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto second = SecretHasher::load(dir.path());
  ASSERT_TRUE(second);
  EXPECT_EQ(first->hash(Value("x")), second->hash(Value("x")));

  ::chmod((dir.path() / "state.key").c_str(), 0644);
  auto open = SecretHasher::load(dir.path());
  ASSERT_FALSE(open);
  EXPECT_NE(open.error().message.find("chmod 600"), std::string::npos) << open.error().message;
}

TEST(SecretKey, TheEnvironmentVariableWins) {
  driftless::testing::TempDir dir;
  ::setenv("DRIFTLESS_STATE_KEY", "shared-key-of-the-fleet", 1);
  auto h = SecretHasher::load(dir.path());
  ::setenv("DRIFTLESS_STATE_KEY", "short", 1);
  auto tooShort = SecretHasher::load(dir.path());
  ::unsetenv("DRIFTLESS_STATE_KEY");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->hash(Value("x")), SecretHasher("shared-key-of-the-fleet").hash(Value("x")));
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "state.key"));
  ASSERT_FALSE(tooShort);
  EXPECT_EQ(tooShort.error().kind, ErrorKind::Invalid);
}

}  // namespace
}  // namespace driftless::state
