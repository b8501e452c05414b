// AWS client core benchmarks.
//  - SigV4 signatures per second for a typical DynamoDB JSON request and an S3
//    PUT, with and without the signing-key cache.
//  - 1,000 GETs to a local peer, one at a time vs 64 in flight, wall and CPU:
//    against moto (the AWS peer the tests use) and against a keep-alive C++
//    server (the transport's own ceiling). The ratios are printed at the end.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <map>

#include "providers/aws/client.h"
#include "providers/aws/credentials.h"
#include "providers/aws/http_client.h"
#include "providers/aws/signer.h"
#include "tests/support/http_stub.h"
#include "tests/support/peer.h"

namespace {

using namespace driftless;
using namespace driftless::aws;

const Credentials kCreds{.accessKeyId = "AKIDEXAMPLE",
                         .secretAccessKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                         .sessionToken = "FwoGZXIvYXdzEJr//////////wEaDOx1example"};

sigv4::Request dynamoRequest() {
  sigv4::Request r;
  r.method = "POST";
  r.path = "/";
  r.headers = {{"Host", "dynamodb.eu-west-1.amazonaws.com"},
               {"Content-Type", "application/x-amz-json-1.0"},
               {"X-Amz-Target", "DynamoDB_20120810.DescribeTable"}};
  return r;
}
const std::string kDynamoBody = R"({"TableName":"orders-prod"})";

sigv4::Request s3PutRequest() {
  sigv4::Request r;
  r.method = "PUT";
  r.path = "/driftless/prod/history/20261122T101500Z-abc123-1/plan.json";
  r.headers = {{"Host", "acme-driftless-history.s3.eu-west-1.amazonaws.com"},
               {"Content-Type", "application/json"},
               {"If-None-Match", "*"}};
  return r;
}
const std::string kS3Body(4096, 'x');  // a 4 KiB state/plan document

void signLoop(benchmark::State& state, sigv4::Request (*make)(), const std::string& body,
              sigv4::Options opts, bool cached) {
  sigv4::SigningKeyCache cache;
  opts.time = *sigv4::parseAmzDate("20261122T101500Z");
  for (auto _ : state) {
    sigv4::Request r = make();
    r.payloadHash = sha256Hex(body);  // the client hashes every body it signs
    auto sig = sigv4::signHeaders(r, kCreds, opts, cached ? &cache : nullptr);
    benchmark::DoNotOptimize(sig.signature);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_SignDynamoDbJson(benchmark::State& state) {
  signLoop(state, dynamoRequest, kDynamoBody, {.region = "eu-west-1", .service = "dynamodb"},
           state.range(0) != 0);
}
BENCHMARK(BM_SignDynamoDbJson)->ArgName("keyCache")->Arg(0)->Arg(1);

void BM_SignS3Put4KiB(benchmark::State& state) {
  signLoop(state, s3PutRequest, kS3Body, {.region = "eu-west-1", .service = "s3", .s3 = true},
           state.range(0) != 0);
}
BENCHMARK(BM_SignS3Put4KiB)->ArgName("keyCache")->Arg(0)->Arg(1);

// ---- 1,000 GETs ----

struct GetRun {
  double wall = 0, cpu = 0;
};
std::map<std::string, GetRun> results;

double processCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

constexpr int kGets = 1000;

// Issues kGets GetObject calls through a Client, `inFlight` at a time.
void getLoop(benchmark::State& state, const std::string& label, const std::string& endpoint,
             const Credentials& creds, int inFlight) {
  for (auto _ : state) {
    asio::io_context io;
    HttpTransport transport(io, {.maxInFlight = static_cast<std::size_t>(inFlight)});
    ClientConfig config;
    config.endpointUrl = endpoint;
    config.credentials = std::make_shared<StaticCredentialsProvider>(creds);
    Client client(transport, config);
    int ok = 0;
    auto worker = [&](int share) -> Awaitable<void> {
      for (int i = 0; i < share; ++i) {
        RestRequest get{.path = "/object", .bucket = "bench-bucket", .operation = "GetObject"};
        auto r = co_await client.rest("s3", std::move(get));
        if (r) ++ok;
      }
    };
    const double cpu0 = processCpuSeconds();
    const auto t0 = std::chrono::steady_clock::now();
    for (int w = 0; w < inFlight; ++w)
      asio::co_spawn(io, worker(kGets / inFlight + (w < kGets % inFlight ? 1 : 0)), asio::detached);
    io.run();
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double cpu = processCpuSeconds() - cpu0;
    if (ok != kGets) state.SkipWithError("not every GET succeeded");
    state.SetIterationTime(wall);
    state.counters["gets"] = ok;
    state.counters["client_cpu_s"] = cpu;
    state.counters["connections"] = static_cast<double>(transport.connectionsOpened());
    results[label] = {wall, cpu};
  }
}

driftless::testing::MotoServer* moto() {
  static std::unique_ptr<driftless::testing::MotoServer> server;
  static bool tried = false;
  if (!tried) {
    tried = true;
    std::string why;
    server = driftless::testing::MotoServer::start({}, &why);
    if (!server) {
      std::fprintf(stderr, "aws_bench: moto unavailable: %s\n", why.c_str());
      return nullptr;
    }
    server->python(
        "s3 = boto3.client('s3', endpoint_url=ep, region_name=region)\n"
        "s3.create_bucket(Bucket='bench-bucket')\n"
        "s3.put_object(Bucket='bench-bucket', Key='object', Body=b'x' * 1024)\n");
  }
  return server.get();
}

void BM_1000GetsMoto(benchmark::State& state) {
  auto* m = moto();
  if (!m) {
    state.SkipWithError("moto unavailable");
    for (auto _ : state) {
    }
    return;
  }
  const int inFlight = static_cast<int>(state.range(0));
  getLoop(state, "moto/" + std::to_string(inFlight), m->endpoint(),
          {.accessKeyId = "testing", .secretAccessKey = "testing"}, inFlight);
}
BENCHMARK(BM_1000GetsMoto)
    ->ArgName("inFlight")
    ->Arg(1)
    ->Arg(64)
    ->Iterations(1)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

void BM_1000GetsKeepAliveServer(benchmark::State& state) {
  static driftless::testing::HttpStub stub([](const driftless::testing::StubRequest&) {
    return driftless::testing::StubResponse{.status = 200, .body = std::string(1024, 'x')};
  });
  const int inFlight = static_cast<int>(state.range(0));
  getLoop(state, "stub/" + std::to_string(inFlight), stub.url(),
          {.accessKeyId = "AK", .secretAccessKey = "SK"}, inFlight);
}
BENCHMARK(BM_1000GetsKeepAliveServer)
    ->ArgName("inFlight")
    ->Arg(1)
    ->Arg(64)
    ->Iterations(1)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

void printRatio(const std::string& peer) {
  auto seq = results.find(peer + "/1");
  auto par = results.find(peer + "/64");
  if (seq == results.end() || par == results.end()) return;
  std::printf(
      "%s: 1000 GETs sequential %.3f s wall / %.3f s client CPU; 64 in flight %.3f s wall / %.3f s "
      "client CPU; wall speed-up %.2fx\n",
      peer.c_str(), seq->second.wall, seq->second.cpu, par->second.wall, par->second.cpu,
      seq->second.wall / par->second.wall);
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  printRatio("moto");
  printRatio("stub");
  return 0;
}
