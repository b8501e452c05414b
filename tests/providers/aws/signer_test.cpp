#include "providers/aws/signer.h"

#include <gtest/gtest.h>

namespace driftless::aws::sigv4 {
namespace {

const Credentials kS3Example{.accessKeyId = "AKIAIOSFODNN7EXAMPLE",
                             .secretAccessKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"};

std::chrono::system_clock::time_point at(std::string_view amz) {
  return *parseAmzDate(amz);
}

TEST(SigV4Encoding, UnreservedKeptEverythingElseEscaped) {
  struct Case {
    std::string in, keepSlash, noSlash, why;
  };
  const Case cases[] = {
      {"AZaz09-._~", "AZaz09-._~", "AZaz09-._~", "unreserved characters are kept"},
      {"a b", "a%20b", "a%20b", "space is %20, never +"},
      {"a+b=c", "a%2Bb%3Dc", "a%2Bb%3Dc", "+ and = are escaped"},
      {"/x/y", "/x/y", "%2Fx%2Fy", "slash kept only in paths"},
      {"\xE1\x88\xB4", "%E1%88%B4", "%E1%88%B4", "UTF-8 bytes, upper-case hex"},
      {"%41", "%2541", "%2541", "a percent is data, not an escape"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(uriEncode(c.in, true), c.keepSlash) << c.why;
    EXPECT_EQ(uriEncode(c.in, false), c.noSlash) << c.why;
  }
  EXPECT_EQ(uriDecode("a%20b%2Fc%zz%4"), "a b/c%zz%4");
}

TEST(SigV4Path, NormalisationOnlyOutsideS3) {
  struct Case {
    std::string path, normalized, why;
  };
  const Case cases[] = {
      {"/", "/", "root"},
      {"//a//b//", "/a/b/", "repeated slashes collapse"},
      {"/a/./b/../c", "/a/c", "dot segments removed"},
      {"/../..", "/", "cannot climb above the root"},
      {"/a/b/..", "/a", "a trailing .. adds no slash"},
      {"/a/.", "/a", "a trailing . adds no slash"},
  };
  for (const auto& c : cases)
    EXPECT_EQ(normalizePath(c.path), c.normalized) << c.why;

  Options s3{.region = "us-east-1", .service = "s3", .s3 = true};
  Options other{.region = "us-east-1", .service = "lambda"};
  // S3: the wire path as is (single encoding, no normalisation)
  EXPECT_EQ(canonicalUri("/bucket/a/../b//c%2Bd", s3), "/bucket/a/../b//c%2Bd");
  // others: normalised, then encoded a second time
  EXPECT_EQ(canonicalUri("/fn/a/../b//c%2Bd", other), "/fn/b/c%252Bd");
}

TEST(SigV4Query, SortedByEncodedNameThenValue) {
  Params q = {{"b", "2"}, {"a", "z"}, {"a", "y"}, {"empty", ""}, {"", "v"}, {"sp ace", "a b"}};
  EXPECT_EQ(canonicalQuery(q), "=v&a=y&a=z&b=2&empty=&sp%20ace=a%20b");
}

TEST(SigV4Headers, TrimCollapseJoinAndSkip) {
  Headers h = {{"Host", "h"},          {"X-Multi", " a  b "},      {"x-multi", "c"},
               {"User-Agent", "curl"}, {"Expect", "100-continue"}, {"Content-Type", "text/plain"}};
  auto ch = canonicalHeaders(h);
  EXPECT_EQ(ch.text, "content-type:text/plain\nhost:h\nx-multi:a b,c\n");
  EXPECT_EQ(ch.signedHeaders, "content-type;host;x-multi");
}

// The two worked examples of the S3 SigV4 documentation ("Examples: Signature
// Calculations in AWS Signature Version 4", header-based authentication).
TEST(SigV4S3, DocumentedGetObjectExample) {
  Request r;
  r.method = "GET";
  r.path = "/test.txt";
  r.headers = {{"Host", "examplebucket.s3.amazonaws.com"}, {"Range", "bytes=0-9"}};
  r.payloadHash = std::string(kEmptySha256);
  Options o{.region = "us-east-1", .service = "s3", .time = at("20130524T000000Z"), .s3 = true};
  Signature sig = signHeaders(r, kS3Example, o);
  EXPECT_EQ(sig.signature, "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
  // x-amz-content-sha256 is always sent and signed for S3
  EXPECT_NE(sig.authorization.find("SignedHeaders=host;range;x-amz-content-sha256;x-amz-date"),
            std::string::npos);
}

TEST(SigV4S3, DocumentedPutObjectExample) {
  Request r;
  r.method = "PUT";
  r.path = "/" + uriEncode("test$file.text", true);
  r.headers = {{"Host", "examplebucket.s3.amazonaws.com"},
               {"Date", "Fri, 24 May 2013 00:00:00 GMT"},
               {"x-amz-storage-class", "REDUCED_REDUNDANCY"}};
  r.payloadHash = sha256Hex("Welcome to Amazon S3.");
  Options o{.region = "us-east-1", .service = "s3", .time = at("20130524T000000Z"), .s3 = true};
  Signature sig = signHeaders(r, kS3Example, o);
  EXPECT_EQ(sig.canonicalRequest.substr(0, sig.canonicalRequest.find('\n', 4)),
            "PUT\n/test%24file.text");
  EXPECT_EQ(sig.signature, "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
}

TEST(SigV4, SessionTokenSignedAndReplacedHeaders) {
  Request r;
  r.headers = {{"Host", "sts.amazonaws.com"}, {"X-Amz-Date", "stale"}, {"Authorization", "old"}};
  Credentials c{.accessKeyId = "AK", .secretAccessKey = "SK", .sessionToken = "TOKEN"};
  Options o{.region = "us-east-1", .service = "sts", .time = at("20260101T000000Z")};
  Signature sig = signHeaders(r, c, o);
  int dates = 0, auths = 0;
  for (const auto& [k, v] : r.headers) {
    if (k == "X-Amz-Date") {
      ++dates;
      EXPECT_EQ(v, "20260101T000000Z");
    }
    if (k == "Authorization") ++auths;
  }
  EXPECT_EQ(dates, 1);
  EXPECT_EQ(auths, 1);
  EXPECT_NE(sig.canonicalRequest.find("x-amz-security-token:TOKEN"), std::string::npos);
}

TEST(SigningKeyCache, DerivesOncePerSecretDayRegionService) {
  SigningKeyCache cache(2);
  Digest a = cache.get("secret", "20260101", "us-east-1", "s3");
  EXPECT_EQ(a, deriveSigningKey("secret", "20260101", "us-east-1", "s3"));
  EXPECT_EQ(cache.get("secret", "20260101", "us-east-1", "s3"), a);
  EXPECT_EQ(cache.hits(), 1u);
  EXPECT_EQ(cache.misses(), 1u);
  // each component is part of the key
  EXPECT_NE(cache.get("secret", "20260102", "us-east-1", "s3"), a);
  EXPECT_NE(cache.get("other", "20260101", "us-east-1", "s3"), a);
  EXPECT_EQ(cache.misses(), 3u);
  // capacity 2: the least recently used entry was evicted
  cache.get("secret", "20260101", "us-east-1", "s3");
  EXPECT_EQ(cache.misses(), 4u);

  // signatures with and without the cache are identical
  Request r1, r2;
  r1.headers = r2.headers = {{"Host", "example.amazonaws.com"}};
  Credentials c{.accessKeyId = "AK", .secretAccessKey = "secret"};
  Options o{.region = "us-east-1", .service = "s3", .time = at("20260101T120000Z"), .s3 = true};
  EXPECT_EQ(signHeaders(r1, c, o, &cache).signature, signHeaders(r2, c, o).signature);
}

TEST(SigV4Dates, FormatAndParse) {
  auto t = at("20150830T123600Z");
  EXPECT_EQ(amzDate(t), "20150830T123600Z");
  EXPECT_EQ(shortDate(t), "20150830");
  EXPECT_FALSE(parseAmzDate("2015-08-30T12:36:00Z"));
  EXPECT_FALSE(parseAmzDate(""));
}

}  // namespace
}  // namespace driftless::aws::sigv4
