// The fault-injection proxy (tests/support/fault_proxy.h) in front of moto, seen
// through the project's AWS client: each fault shape must be classified the way
// the real service's would be (Throttled, Transient, ...), so the fault tests
// built on it exercise the retry and error paths a user would hit.
#include "tests/support/fault_proxy.h"

#include <gtest/gtest.h>

#include <future>
#include <thread>

#include "providers/aws/client.h"
#include "providers/aws/credentials.h"
#include "providers/aws/http_client.h"
#include "tests/support/peer.h"

namespace driftless::aws {
namespace {

using namespace std::chrono_literals;
using driftless::testing::Fault;
using driftless::testing::FaultProxy;
using driftless::testing::MotoServer;
using driftless::testing::sharedMoto;

MotoServer& moto() {
  return sharedMoto({.verifySignatures = true});
}

class FaultProxyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NO_THROW(moto());
    proxy_ = std::make_unique<FaultProxy>(moto().endpoint());
  }

  // maxAttempts 1: the first answer is the result (a fault is not retried away).
  std::unique_ptr<Client> client(int maxAttempts = 1, const std::string& url = "") {
    ClientConfig config;
    config.region = "us-east-1";
    config.endpointUrl = url.empty() ? proxy_->url() : url;
    config.credentials = std::make_shared<StaticCredentialsProvider>(Credentials{
        .accessKeyId = moto().accessKeyId(), .secretAccessKey = moto().secretAccessKey()});
    config.maxAttempts = maxAttempts;
    config.random = [] { return 0.0; };  // retries without backoff
    return std::make_unique<Client>(transport_, config);
  }

  // Until the task is done, not until the io_context runs dry: the client keeps its
  // connection to the proxy alive, and curl's idle timers would hold run() ~5 s.
  template <typename T>
  T run(Awaitable<T> task) {
    std::future<T> f = asio::co_spawn(io_, std::move(task), asio::use_future);
    io_.restart();
    while (f.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
      io_.run_one();
    return f.get();
  }

  Result<Value> createQueue(Client& c, const std::string& name) {
    Value body = Value::object();
    body["QueueName"] = name;
    return run(c.json("sqs", "CreateQueue", body));
  }
  Result<Value> getQueueUrl(Client& c, const std::string& name) {
    Value body = Value::object();
    body["QueueName"] = name;
    return run(c.json("sqs", "GetQueueUrl", body));
  }
  Result<Xml> listRoles(Client& c) { return run(c.query("iam", "ListRoles", {})); }
  Result<Xml> listBuckets(Client& c) {
    RestRequest req{.method = "GET", .path = "/", .operation = "ListBuckets"};
    return run(c.restXml("s3", std::move(req)));
  }
  Result<HttpResponse> listFunctions(Client& c) {
    RestRequest req{
        .method = "GET", .path = "/2015-03-31/functions/", .operation = "ListFunctions"};
    return run(c.rest("lambda", std::move(req)));
  }

  std::string unique(const std::string& what) {
    static int n = 0;
    return "fp" + std::to_string(::getpid() % 100000) + "-" + what + "-" + std::to_string(++n);
  }

  asio::io_context io_;
  HttpTransport transport_{io_};
  std::unique_ptr<FaultProxy> proxy_;
};

TEST_F(FaultProxyTest, ForwardsUnchangedSignedRequestsAndCountsThem) {
  auto c = client();
  std::string name = unique("plain");
  auto created = createQueue(*c, name);
  ASSERT_TRUE(created) << created.error().describe();
  ASSERT_TRUE(getQueueUrl(*c, name));
  ASSERT_TRUE(listRoles(*c));
  ASSERT_TRUE(listBuckets(*c));
  // (Lambda is left out: moto's check of Lambda signatures fails even without the proxy.)
  EXPECT_EQ(proxy_->count(), 4u);
  EXPECT_EQ(proxy_->count({.service = "sqs"}), 2u);
  EXPECT_EQ(proxy_->count({.operation = "CreateQueue"}), 1u);
  EXPECT_EQ(proxy_->count({.action = "ListRoles"}), 1u);
  EXPECT_EQ(proxy_->count({.service = "s3", .method = "GET"}), 1u);
  EXPECT_EQ(proxy_->faultsInjected(), 0u);
  for (const auto& r : proxy_->requests()) {
    EXPECT_TRUE(r.forwarded) << r.method << " " << r.path;
    EXPECT_EQ(r.status, 200) << r.method << " " << r.path;
  }
}

TEST_F(FaultProxyTest, ThrottlingHasEachProtocolsShapeAndIsThrottled) {
  auto c = client();
  proxy_->failNext({.match = {.service = "sqs"}, .fault = Fault::Throttle});
  proxy_->failNext({.match = {.service = "iam"}, .fault = Fault::Throttle});
  proxy_->failNext({.match = {.service = "s3"}, .fault = Fault::Throttle});
  proxy_->failNext({.match = {.service = "lambda"}, .fault = Fault::Throttle});

  auto json = getQueueUrl(*c, unique("throttled"));
  ASSERT_FALSE(json);
  EXPECT_EQ(json.error().kind, ErrorKind::Throttled);
  EXPECT_EQ(json.error().code, "ThrottlingException");
  EXPECT_EQ(json.error().httpStatus, 400);

  auto query = listRoles(*c);
  ASSERT_FALSE(query);
  EXPECT_EQ(query.error().kind, ErrorKind::Throttled);
  EXPECT_EQ(query.error().code, "Throttling");
  EXPECT_EQ(query.error().httpStatus, 400);

  auto restXml = listBuckets(*c);
  ASSERT_FALSE(restXml);
  EXPECT_EQ(restXml.error().kind, ErrorKind::Throttled);
  EXPECT_EQ(restXml.error().code, "SlowDown");
  EXPECT_EQ(restXml.error().httpStatus, 503);

  auto restJson = listFunctions(*c);
  ASSERT_FALSE(restJson);
  EXPECT_EQ(restJson.error().kind, ErrorKind::Throttled);
  EXPECT_EQ(restJson.error().code, "TooManyRequestsException");
  EXPECT_EQ(restJson.error().httpStatus, 429);

  EXPECT_EQ(proxy_->faultsInjected(), 4u);
  EXPECT_EQ(proxy_->rulesPending(), 0u);
  EXPECT_EQ(proxy_->count({}), 4u);
  for (const auto& r : proxy_->requests())
    EXPECT_FALSE(r.forwarded) << r.path;  // answered by the proxy, moto never saw them

  // With the client's retries, one throttle is absorbed: two requests, one success.
  auto retrying = client(3);
  proxy_->failNext({.match = {.operation = "ListRoles"}, .fault = Fault::Throttle});
  auto ok = listRoles(*retrying);
  ASSERT_TRUE(ok) << ok.error().describe();
  EXPECT_EQ(proxy_->count({.operation = "ListRoles"}), 3u);
}

TEST_F(FaultProxyTest, ServerErrorsAreTransientInEveryProtocol) {
  auto c = client();
  for (Fault f : {Fault::InternalError, Fault::Unavailable}) {
    SCOPED_TRACE(toString(f));
    proxy_->failNext({.match = {.service = "sqs"}, .fault = f});
    proxy_->failNext({.match = {.service = "iam"}, .fault = f});
    proxy_->failNext({.match = {.service = "s3"}, .fault = f});
    proxy_->failNext({.match = {.service = "lambda"}, .fault = f});
    const int status = f == Fault::InternalError ? 500 : 503;
    auto a = getQueueUrl(*c, unique("5xx"));
    auto b = listRoles(*c);
    auto d = listBuckets(*c);
    auto e = listFunctions(*c);
    for (const Error* err : {a ? nullptr : &a.error(), b ? nullptr : &b.error(),
                             d ? nullptr : &d.error(), e ? nullptr : &e.error()}) {
      ASSERT_NE(err, nullptr);
      EXPECT_EQ(err->kind, ErrorKind::Transient) << err->describe();
      EXPECT_EQ(err->httpStatus, status) << err->describe();
    }
  }
  // A chosen status and code, in the protocol's shape.
  proxy_->failNext({.match = {.operation = "GetQueueUrl"},
                    .fault = Fault::Status,
                    .status = 400,
                    .code = "AccessDenied"});
  auto denied = getQueueUrl(*c, unique("denied"));
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().kind, ErrorKind::Invalid);
  EXPECT_EQ(denied.error().code, "AccessDenied");
}

TEST_F(FaultProxyTest, ResetBeforeForwardNeverReachesMotoResetAfterForwardDoes) {
  auto c = client();
  auto direct = client(1, moto().endpoint());
  std::string before = unique("reset-before");
  proxy_->failNext({.match = {.operation = "CreateQueue"}, .fault = Fault::ResetBeforeForward});
  auto r1 = createQueue(*c, before);
  ASSERT_FALSE(r1);
  EXPECT_EQ(r1.error().kind, ErrorKind::Transient) << r1.error().describe();
  EXPECT_EQ(r1.error().httpStatus, 0);
  auto absent = getQueueUrl(*direct, before);
  ASSERT_FALSE(absent);
  EXPECT_EQ(absent.error().kind, ErrorKind::NotFound);

  std::string after = unique("reset-after");
  proxy_->failNext({.match = {.operation = "CreateQueue"}, .fault = Fault::ResetAfterForward});
  auto r2 = createQueue(*c, after);
  ASSERT_FALSE(r2);
  EXPECT_EQ(r2.error().kind, ErrorKind::Transient) << r2.error().describe();
  EXPECT_TRUE(getQueueUrl(*direct, after)) << "the create reached moto before the reset";

  auto seen = proxy_->requests();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_FALSE(seen[0].forwarded);
  EXPECT_TRUE(seen[1].forwarded);
  EXPECT_EQ(seen[1].status, 0);
  // The connection that was reset is not needed again: the next request works.
  EXPECT_TRUE(getQueueUrl(*c, after));
}

TEST_F(FaultProxyTest, NthMatchingRequestFailsAndOnlyThatOne) {
  auto c = client();
  std::string name = unique("nth");
  ASSERT_TRUE(createQueue(*c, name));
  proxy_->failNext(
      {.match = {.target = "AmazonSQS.GetQueueUrl", .nth = 3}, .fault = Fault::Unavailable});
  std::vector<bool> ok;
  for (int i = 0; i < 4; ++i)
    ok.push_back(getQueueUrl(*c, name).has_value());
  EXPECT_EQ(ok, (std::vector<bool>{true, true, false, true}));
  EXPECT_EQ(proxy_->count({.operation = "GetQueueUrl"}), 4u);
  EXPECT_EQ(proxy_->faultsInjected(), 1u);
}

TEST_F(FaultProxyTest, OutageRefusesEverythingUntilItEnds) {
  auto c = client();
  ASSERT_TRUE(listRoles(*c));
  proxy_->outage(true);
  auto down = listRoles(*c);
  ASSERT_FALSE(down);
  EXPECT_EQ(down.error().kind, ErrorKind::Transient) << down.error().describe();
  EXPECT_EQ(down.error().httpStatus, 0);
  proxy_->outage(false);
  auto up = listRoles(*c);
  ASSERT_TRUE(up) << up.error().describe();

  // An outage for a period ends by itself.
  proxy_->outageFor(300ms);
  EXPECT_FALSE(listRoles(*c));
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (proxy_->inOutage() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::yield();
  ASSERT_FALSE(proxy_->inOutage());
  auto back = listRoles(*c);
  EXPECT_TRUE(back) << back.error().describe();
}

TEST_F(FaultProxyTest, LatencyHoldsRequestsConcurrently) {
  auto c = client();
  proxy_->setLatency(200ms);
  int ok = 0, done = 0;
  auto one = [&]() -> Awaitable<void> {
    auto r = co_await c->query("iam", "ListRoles", {});
    if (r) ++ok;
    ++done;
  };
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 6; ++i)
    asio::co_spawn(io_, one(), asio::detached);
  io_.restart();
  while (done < 6)
    io_.run_one();
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(ok, 6);
  EXPECT_EQ(proxy_->peakInFlight(), 6u);
  EXPECT_GE(took, 200ms);
}

TEST_F(FaultProxyTest, RandomThrottlingIsAbsorbedByRetries) {
  auto c = client(8);
  proxy_->setRandomFaults({.throttle = 0.3, .seed = 42});
  std::string name = unique("random");
  ASSERT_TRUE(createQueue(*c, name));
  int ok = 0;
  for (int i = 0; i < 20; ++i)
    ok += getQueueUrl(*c, name).has_value() ? 1 : 0;
  EXPECT_EQ(ok, 20);
  EXPECT_GT(proxy_->faultsInjected(), 0u);
  EXPECT_EQ(proxy_->count(), 21u + proxy_->faultsInjected());
}

}  // namespace
}  // namespace driftless::aws
