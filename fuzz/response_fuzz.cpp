// libFuzzer target for every parser of what AWS (or anything pretending to be
// AWS) sends back: error bodies of each protocol, query/JSON/REST-XML result
// bodies, STS and ECS/IMDS credential documents, the shared credentials INI,
// and the date formats. Built with clang by scripts/fuzz. Any input must give
// a value or an Error, never a crash, a leak or undefined behaviour.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "providers/aws/errors.h"
#include "providers/aws/protocol.h"
#include "providers/aws/retry.h"
#include "providers/aws/signer.h"
#include "providers/value.h"

using namespace driftless;
using namespace driftless::aws;

namespace {

constexpr int kStatuses[] = {200, 204, 301, 400, 403, 404, 409, 412, 429, 500, 503};

void check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  const uint8_t selector = data[0];
  HttpResponse response;
  response.status = kStatuses[data[1] % std::size(kStatuses)];
  std::string body(reinterpret_cast<const char*>(data + 2), size - 2);
  // the tail after a NUL, if any, becomes a header value (x-amzn-errortype and friends)
  if (auto nul = body.find('\0'); nul != std::string::npos && (selector & 0x80)) {
    response.headers.emplace_back("x-amzn-errortype", body.substr(nul + 1));
    response.headers.emplace_back("x-amzn-requestid", body.substr(nul + 1, 8));
    body.resize(nul);
  }
  response.body = body;

  switch (selector % 8) {
    case 0: {
      Error e = parseErrorResponse("svc", "Operation", response);
      check(!e.code.empty());
      check(e.message.rfind("svc:Operation: ", 0) == 0);
      check(e.httpStatus == response.status);
      break;
    }
    case 1: {
      auto r = parseQueryResponse("sts", "AssumeRole", response);
      if (r) (void)parseStsCredentials(r->result, "fuzz");
      break;
    }
    case 2: {
      auto r = parseJsonResponse("dynamodb", "DescribeTable", response);
      if (r) {
        // what we print we can read back (not bit-exact: Value parses doubles
        // without RapidJSON's full-precision flag, so huge numbers move by an ulp)
        auto again = Value::fromJson(r->toJson());
        check(again.has_value());
        check(again->type() == r->type());
      }
      break;
    }
    case 3: {
      auto r = parseXmlResponse("s3", "ListObjectsV2", response);
      if (r) (void)r->root().child("Contents").child("Key").text().as_string();
      break;
    }
    case 4: {
      auto c = parseMetadataCredentials(body, "fuzz");
      if (c) check(!c->accessKeyId.empty() && !c->secretAccessKey.empty());
      break;
    }
    case 5: {
      IniFile ini = parseIni(body);
      for (const auto& [section, keys] : ini)
        check(section.find('\n') == std::string::npos);
      break;
    }
    case 6: {
      (void)parseServerTime(body);
      (void)sigv4::parseAmzDate(body);
      (void)clockSkew(body, std::chrono::system_clock::time_point{});
      break;
    }
    case 7: {
      // decoding then encoding gives only unreserved characters and escapes
      std::string enc = sigv4::uriEncode(sigv4::uriDecode(body), false);
      check(sigv4::uriDecode(enc) == sigv4::uriDecode(body));
      break;
    }
  }
  return 0;
}
