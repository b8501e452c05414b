// Signs a few hundred generated requests (odd paths, UTF-8, repeated and empty
// query keys, S3 and non-S3) with our signer and with botocore's SigV4Auth /
// S3SigV4Auth, which recompute the signature from the request as it would
// travel on the wire; every signature must be identical.
#include <gtest/gtest.h>

#include <random>
#include <sstream>

#include "providers/aws/signer.h"
#include "providers/value.h"
#include "tests/support/peer.h"

namespace driftless::aws::sigv4 {
namespace {

constexpr const char* kBotocoreScript = R"PY(
import sys, json
from botocore.auth import SigV4Auth, S3SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
for line in sys.stdin:
    c = json.loads(line)
    req = AWSRequest(method=c['method'], url=c['url'], data=c['body'].encode('utf-8'))
    for k, v in c['headers']:
        req.headers[k] = v
    creds = Credentials(c['ak'], c['sk'], c['token'] or None)
    auth = (S3SigV4Auth if c['s3'] else SigV4Auth)(creds, c['service'], c['region'])
    req.context['timestamp'] = c['timestamp']
    auth._modify_request_before_signing(req)
    cr = auth.canonical_request(req)
    print(auth.signature(auth.string_to_sign(req, cr), req))
)PY";

struct Generated {
  Request request;
  Options options;
  Credentials credentials;
  std::string body;
  std::string url;
};

Generated generate(std::mt19937& rng) {
  auto pick = [&](const auto& list) { return list[rng() % std::size(list)]; };
  static const char* kSegments[] = {
      "a",      "b c",        "caf\xC3\xA9", "\xE6\x97\xA5\xE6\x9C\xAC",
      "~tilde", "50%",        "a+b",         "k=v",
      "(x)",    "!*'",        ".",           "..",
      "",       "semi;colon", "dollar$",     "a:b@c",
      "-._",    "UPPER"};
  static const char* kKeys[] = {"a",        "A",    "b",      "",         "key with space",
                                "\xC3\xBC", "x-id", "prefix", "list-type"};
  static const char* kValues[] = {"", "1", "two words", "a/b", "\xE2\x82\xAC", "=", "&", "~*'"};
  static const char* kServices[] = {"s3", "sqs", "lambda", "execute-api", "dynamodb"};
  static const char* kMethods[] = {"GET", "PUT", "POST", "DELETE", "HEAD"};
  Generated g;
  std::string service = pick(kServices);
  g.options.service = service;
  g.options.region = pick(std::array{"us-east-1", "eu-west-1", "cn-north-1"});
  g.options.s3 = service == "s3";
  g.options.time = std::chrono::system_clock::from_time_t(1700000000 + rng() % 100000000);
  g.credentials.accessKeyId = "AKID" + std::to_string(rng() % 1000);
  g.credentials.secretAccessKey = "secret/" + std::to_string(rng());
  if (rng() % 3 == 0) g.credentials.sessionToken = "tok+en/" + std::to_string(rng());

  std::string raw;
  int segments = 1 + static_cast<int>(rng() % 4);
  for (int i = 0; i < segments; ++i)
    raw += "/" + std::string(pick(kSegments));
  if (rng() % 4 == 0) raw += "/";
  Request& r = g.request;
  r.method = pick(kMethods);
  r.path = uriEncode(raw, true);
  int params = static_cast<int>(rng() % 5);
  for (int i = 0; i < params; ++i)
    r.query.emplace_back(pick(kKeys), pick(kValues));
  if (params > 0 && rng() % 3 == 0) r.query.push_back(r.query.front());  // a repeated pair
  const std::string host = service + "." + g.options.region + ".example.com";
  r.headers.emplace_back("Host", host);
  if (rng() % 2) r.headers.emplace_back("X-Amz-Meta-Note", "  spaced   out  value ");
  if (rng() % 3 == 0) r.headers.emplace_back("Content-Type", "application/x-amz-json-1.0");
  if (r.method == "PUT" || r.method == "POST") g.body = "{\"n\":" + std::to_string(rng()) + "}";
  r.payloadHash = sha256Hex(g.body);
  g.url = "http://" + host + r.path;
  if (!r.query.empty()) {
    std::string q;
    for (const auto& [k, v] : r.query)
      q += (q.empty() ? "" : "&") + uriEncode(k, false) + "=" + uriEncode(v, false);
    g.url += "?" + q;
  }
  return g;
}

TEST(SigV4Botocore, GeneratedRequestsSignIdentically) {
  std::string why;
  const std::string python = driftless::testing::pythonWithMoto(&why);
  ASSERT_FALSE(python.empty()) << why;
  std::mt19937 rng(20261122);
  constexpr int kRequests = 400;
  std::vector<std::string> ours;
  std::vector<std::string> described;
  std::string input;
  for (int i = 0; i < kRequests; ++i) {
    Generated g = generate(rng);
    Headers original = g.request.headers;
    Signature sig = signHeaders(g.request, g.credentials, g.options);
    ours.push_back(sig.signature);
    described.push_back(g.request.method + " " + g.url + " (" + g.options.service + ")\n" +
                        sig.canonicalRequest);
    Value line = Value::object();
    line["method"] = g.request.method;
    line["url"] = g.url;
    Value headers = Value::array();
    for (const auto& [k, v] : original)
      headers.push(Value::Array{k, v});
    line["headers"] = headers;
    line["body"] = g.body;
    line["ak"] = g.credentials.accessKeyId;
    line["sk"] = g.credentials.secretAccessKey;
    line["token"] = g.credentials.sessionToken;
    line["s3"] = g.options.s3;
    line["service"] = g.options.service;
    line["region"] = g.options.region;
    line["timestamp"] = amzDate(g.options.time);
    input += line.toJson() + "\n";
  }
  int rc = 0;
  std::string out = driftless::testing::runCommand({python, "-c", kBotocoreScript}, &rc, {}, input);
  ASSERT_EQ(rc, 0) << out;
  std::istringstream lines(out);
  std::string theirs;
  int compared = 0;
  for (int i = 0; i < kRequests && std::getline(lines, theirs); ++i, ++compared)
    EXPECT_EQ(ours[i], theirs) << "request " << i << ": " << described[i];
  EXPECT_EQ(compared, kRequests);
}

}  // namespace
}  // namespace driftless::aws::sigv4
