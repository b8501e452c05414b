#include "gitsource/known_hosts.h"

#include <gtest/gtest.h>

#include <fstream>

#include "tests/support/peer.h"

namespace driftless::gitsource {
namespace {

using driftless::testing::runCommand;
using driftless::testing::TempDir;

// A real ed25519 key made by ssh-keygen, so the blobs are what a server sends.
struct HostKeys {
  std::string line;  // "ssh-ed25519 AAAA... comment"
  std::string blob;  // decoded key
};

HostKeys makeKey(const TempDir& dir, const std::string& name) {
  auto path = dir.path() / name;
  int rc = 0;
  std::string out =
      runCommand({"ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", path.string()}, &rc);
  EXPECT_EQ(rc, 0) << out;
  std::ifstream in(path.string() + ".pub");
  std::string type, b64;
  in >> type >> b64;
  return {type + " " + b64, base64Decode(b64)};
}

TEST(KnownHostsTest, AcceptsOnlyListedHostWithSameKey) {
  TempDir dir;
  HostKeys a = makeKey(dir, "a");
  HostKeys b = makeKey(dir, "b");
  const std::string file =
      "# comment\n"
      "git.example.com,10.0.0.1 " +
      a.line +
      "\n"
      "[git.example.com]:2222 " +
      b.line +
      "\n"
      "*.corp.example " +
      a.line +
      "\n"
      "!bad.corp.example,*.corp.example " +
      b.line +
      "\n"
      "@revoked old.example.com " +
      b.line +
      "\n"
      "old.example.com " +
      b.line +
      "\n"
      "@cert-authority *.ca.example " +
      a.line + "\n";
  struct Case {
    const char* why;
    std::string host;
    int port;
    const std::string* key;
    bool accepted;
    std::string reason;  // substring of *why when refused
  } cases[] = {
      {"listed host, same key", "git.example.com", 22, &a.blob, true, ""},
      {"second name of the line", "10.0.0.1", 22, &a.blob, true, ""},
      {"listed host, other key", "git.example.com", 22, &b.blob, false, "does not match"},
      {"non-default port uses [host]:port", "git.example.com", 2222, &b.blob, true, ""},
      {"port entry does not cover port 22 key", "git.example.com", 2222, &a.blob, false,
       "does not match"},
      {"unknown host", "other.example.com", 22, &a.blob, false, "not in known_hosts"},
      {"wildcard", "git.corp.example", 22, &a.blob, true, ""},
      {"negation vetoes its line only", "bad.corp.example", 22, &b.blob, false, "does not match"},
      {"revoked key refused even if also listed", "old.example.com", 22, &b.blob, false,
       "@revoked"},
      {"cert-authority lines are not host keys", "x.ca.example", 22, &a.blob, false,
       "not in known_hosts"},
  };
  for (const auto& c : cases) {
    std::string why;
    EXPECT_EQ(knownHostsAccepts(file, c.host, c.port, *c.key, &why), c.accepted) << c.why;
    if (!c.accepted) {
      EXPECT_NE(why.find(c.reason), std::string::npos) << c.why << ": " << why;
    }
  }
}

TEST(KnownHostsTest, HashedEntriesWrittenBySshKeygen) {
  TempDir dir;
  HostKeys a = makeKey(dir, "a");
  auto file = dir.path() / "known_hosts";
  {
    std::ofstream out(file);
    out << "git.example.com " << a.line << "\n[127.0.0.1]:2222 " << a.line << "\n";
  }
  int rc = 0;
  std::string out = runCommand({"ssh-keygen", "-q", "-H", "-f", file.string()}, &rc);
  ASSERT_EQ(rc, 0) << out;
  std::ifstream in(file);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_EQ(text.find("git.example.com"), std::string::npos) << "ssh-keygen did not hash";
  EXPECT_TRUE(knownHostsAccepts(text, "git.example.com", 22, a.blob, nullptr));
  EXPECT_TRUE(knownHostsAccepts(text, "127.0.0.1", 2222, a.blob, nullptr));
  EXPECT_FALSE(knownHostsAccepts(text, "127.0.0.1", 22, a.blob, nullptr));
  EXPECT_FALSE(knownHostsAccepts(text, "git.example.org", 22, a.blob, nullptr));
}

TEST(KnownHostsTest, Base64) {
  EXPECT_EQ(base64Decode("aGVsbG8="), "hello");
  EXPECT_EQ(base64Decode("aGVsbG8"), "hello");
  EXPECT_EQ(base64Decode("a$b"), "");
}

}  // namespace
}  // namespace driftless::gitsource
