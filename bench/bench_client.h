#pragma once
// What the provider benchmarks share: one io_context, transport, counting AWS
// client and ProviderContext bound to a moto server, as a cycle's observe
// phase has them (`inFlight` requests on the wire at most).
#include <algorithm>
#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>

#include "providers/aws/client.h"
#include "providers/aws/credentials.h"
#include "providers/aws/http_client.h"
#include "providers/provider.h"
#include "tests/support/peer.h"

namespace driftless::bench {

struct BenchClient {
  BenchClient(testing::MotoServer& moto, std::size_t inFlight)
      : transport(io, options(inFlight)), client(transport, config(moto)) {
    ctx.aws = &client;
    ctx.region = "us-east-1";
    ctx.accountId = "123456789012";
    ctx.controllerId = "bench";
    ctx.environment = "bench";
  }

  asio::io_context io;
  std::shared_ptr<aws::RequestStats> stats = std::make_shared<aws::RequestStats>();
  aws::HttpTransport transport;
  aws::Client client;
  ProviderContext ctx;

 private:
  static aws::TransportOptions options(std::size_t inFlight) {
    aws::TransportOptions o;
    o.maxInFlight = inFlight;
    return o;
  }
  aws::ClientConfig config(testing::MotoServer& moto) {
    aws::ClientConfig cfg;
    cfg.region = "us-east-1";
    cfg.endpointUrl = moto.endpoint();
    cfg.credentials = std::make_shared<aws::StaticCredentialsProvider>(
        aws::Credentials{moto.accessKeyId(), moto.secretAccessKey(), "", std::nullopt});
    cfg.stats = stats;
    return cfg;
  }
};

// A moto of its own, seeded by the boto3 `script` (ep, ak, sk, region and
// boto3 are defined for it), and the JSON the script printed last: the ids
// AWS assigned. Throws when moto does not start or the script fails.
struct SeededMoto {
  std::unique_ptr<testing::MotoServer> moto;
  Value printed;
};
inline SeededMoto seededMoto(const std::string& script) {
  SeededMoto out;
  std::string error;
  out.moto = testing::MotoServer::start({}, &error);
  if (!out.moto) throw std::runtime_error("moto did not start: " + error);
  int rc = 0;
  std::string text = out.moto->python(script, &rc);
  if (rc != 0) throw std::runtime_error("setup failed: " + text);
  auto json = Value::fromJson(text.substr(std::min(text.find('['), text.find('{'))));
  if (!json) throw std::runtime_error("setup output: " + text);
  out.printed = std::move(*json);
  return out;
}

}  // namespace driftless::bench
