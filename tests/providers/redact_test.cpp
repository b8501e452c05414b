#include "providers/redact.h"

#include <gtest/gtest.h>

namespace driftless::redact {
namespace {

TEST(Redact, MaskHidesEverythingAboutTheSecret) {
  EXPECT_EQ(maskSecret("hunter2"), "***");
  EXPECT_EQ(maskSecret(std::string(500, 'x')), "***") << "not even its length";
  EXPECT_EQ(maskSecret(""), "") << "that a secret is unset is worth seeing";
}

TEST(Redact, UrlsLoseTheirCredentials) {
  struct Case {
    const char* url;
    const char* shown;
  } cases[] = {
      {"https://user:tok@host/x.git", "https://***@host/x.git"},
      {"https://ghp_token@github.com/a/b", "https://***@github.com/a/b"},
      {"https://a:p@ss@host:8443/r", "https://***@host:8443/r"},
      {"ssh://git@host/r.git", "ssh://***@host/r.git"},
      {"https://host/r.git", "https://host/r.git"},
      {"http://h/p?X-Amz-Signature=abc&x=1&X-Amz-Credential=AKIA%2F",
       "http://h/p?X-Amz-Signature=***&x=1&X-Amz-Credential=***"},
      {"https://h/?access_token=t#frag", "https://h/?access_token=***#frag"},
      {"/srv/git/repo", "/srv/git/repo"},
  };
  for (const auto& c : cases)
    EXPECT_EQ(redactUrl(c.url), c.shown) << c.url;
}

TEST(Redact, UrlsInsideFreeTextAreRedacted) {
  EXPECT_EQ(redactText("failed to fetch 'https://u:secret@git.example.com/r.git': 401"),
            "failed to fetch 'https://***@git.example.com/r.git': 401");
  EXPECT_EQ(redactText("two: http://a:b@x and git+ssh://k@y/z."),
            "two: http://***@x and git+ssh://***@y/z.");
  EXPECT_EQ(redactText("no url here"), "no url here");
}

TEST(Redact, SecretKeyNamesAreRecognised) {
  for (const char* key : {"Password", "MasterUserPassword", "SecretAccessKey", "SessionToken",
                          "client_secret", "X-Amz-Security-Token", "Authorization", "PrivateKey",
                          "api-key", "SecretString", "Passphrase"}) {
    EXPECT_TRUE(isSecretKey(key)) << key;
  }
  for (const char* key : {"tokenEnv", "webhookSecretEnv", "SecretArn", "sshKeyFile", "QueueName",
                          "SecretName", "KmsKeyId", "TokenVersion", "Type", "Description"}) {
    EXPECT_FALSE(isSecretKey(key)) << key;
  }
}

TEST(Redact, ValuesMaskSecretKeysAtAnyDepthAndExtraPaths) {
  auto in = Value::fromJson(R"({
    "Name": "api",
    "Credentials": {"Password": "p", "User": "u"},
    "List": [{"ClientSecret": "s", "Id": 1}],
    "Environment": {"Variables": {"DB_URL": "postgres://x", "MODE": "prod"}},
    "Token": null
  })");
  ASSERT_TRUE(in.has_value());
  const std::string_view extra[] = {"Environment.Variables.*"};
  const Value out = redactValue(*in, extra);
  EXPECT_EQ(out.toJson(), R"({"Credentials":{"Password":"***","User":"u"},)"
                          R"("Environment":{"Variables":{"DB_URL":"***","MODE":"***"}},)"
                          R"("List":[{"ClientSecret":"***","Id":1}],"Name":"api","Token":null})");
  EXPECT_EQ(in->findPath("Credentials.Password")->asString(), "p") << "the input is untouched";
}

}  // namespace
}  // namespace driftless::redact
