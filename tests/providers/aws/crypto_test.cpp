#include "providers/aws/crypto.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace driftless::aws {
namespace {

TEST(Crypto, Sha256KnownAnswers) {
  EXPECT_EQ(sha256Hex(""), kEmptySha256);
  EXPECT_EQ(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

// RFC 4231 test cases 1, 2 and 6 (a key longer than the block is hashed first),
// plus a key of exactly one block and the empty key.
TEST(Crypto, HmacSha256Rfc4231) {
  EXPECT_EQ(hex(hmacSha256(std::string(20, '\x0b'), "Hi There")),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  EXPECT_EQ(hex(hmacSha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(hex(hmacSha256(std::string(131, '\xaa'),
                           "Test Using Larger Than Block-Size Key - Hash Key First")),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  EXPECT_EQ(hex(hmacSha256(std::string(64, 'k'), "exactly one block of key")),
            "baa93ea4ccc7062ed6870c5e7937dbd35ad7791df4e29df9addeb429ff491acf");
  EXPECT_EQ(hex(hmacSha256("", "")),
            "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
}

TEST(Crypto, DigestsFromSeveralThreadsAgree) {
  const std::string want = hex(hmacSha256("key", "data"));
  std::vector<std::thread> threads;
  std::vector<std::string> got(4);
  for (std::size_t i = 0; i < got.size(); ++i)
    threads.emplace_back([&got, i] {
      for (int n = 0; n < 100; ++n)
        got[i] = hex(hmacSha256("key", "data"));
    });
  for (auto& t : threads)
    t.join();
  for (const auto& g : got)
    EXPECT_EQ(g, want);
}

// The encodings providers send: S3's Content-MD5 and Lambda's CodeSha256.
TEST(Crypto, Md5Base64IsTheContentMd5Header) {
  EXPECT_EQ(md5Base64(""), "1B2M2Y8AsgTpgAmY7PhCfg==");
  EXPECT_EQ(md5Base64("hello"), "XUFAKrxLKna5cZ2REBfFkg==");
}

TEST(Crypto, Base64AndSha256MatchKnownVectors) {
  EXPECT_EQ(base64(""), "");
  EXPECT_EQ(base64("f"), "Zg==");
  EXPECT_EQ(base64("fo"), "Zm8=");
  EXPECT_EQ(base64("foo"), "Zm9v");
  EXPECT_EQ(base64("foobar"), "Zm9vYmFy");
  EXPECT_EQ(sha256Base64(""), "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
}

}  // namespace
}  // namespace driftless::aws
