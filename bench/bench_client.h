#pragma once
// What the provider benchmarks share: one io_context, transport, counting AWS
// client and ProviderContext bound to a moto server, as a cycle's observe
// phase has them (`inFlight` requests on the wire at most).
#include <cstddef>
#include <memory>

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

}  // namespace driftless::bench
