// The transport and the client's retry loop against a real local HTTP/1.1
// server (keep-alive, scripted failures). Backoff randomness is injected as 0,
// so retries do not wait; nothing here sleeps.
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <optional>

#include "providers/aws/client.h"
#include "providers/aws/credentials.h"
#include "providers/aws/http_client.h"
#include "providers/aws/signer.h"
#include "tests/integration/aws/aws_test_util.h"
#include "tests/support/http_stub.h"
#include "tests/support/peer.h"

namespace driftless::aws {
namespace {

using driftless::testing::HttpStub;
using driftless::testing::StubRequest;
using driftless::testing::StubResponse;
using testing::runAwait;

StubResponse json(int status, std::string body) {
  return {.status = status,
          .headers = {{"Content-Type", "application/x-amz-json-1.0"}, {"x-amzn-RequestId", "rid"}},
          .body = std::move(body)};
}

class TransportTest : public ::testing::Test {
 protected:
  Client client(const std::string& url, std::shared_ptr<RequestStats> stats = nullptr,
                std::function<std::chrono::system_clock::time_point()> clock = nullptr) {
    ClientConfig c;
    c.endpointUrl = url;
    c.credentials = std::make_shared<StaticCredentialsProvider>(
        Credentials{.accessKeyId = "AK", .secretAccessKey = "SK"});
    c.stats = std::move(stats);
    c.random = [] { return 0.0; };
    c.clock = std::move(clock);
    return Client(transport_, c);
  }

  asio::io_context io_;
  HttpTransport transport_{io_};
};

TEST_F(TransportTest, SequentialRequestsReuseOneConnection) {
  HttpStub stub([](const StubRequest&) { return StubResponse{.status = 200, .body = "ok"}; });
  for (int i = 0; i < 20; ++i) {
    HttpRequest r;
    r.url = stub.url() + "/item/" + std::to_string(i);
    auto resp = runAwait(io_, transport_.send(std::move(r)));
    ASSERT_TRUE(resp) << resp.error().message;
    EXPECT_EQ(resp->status, 200);
    EXPECT_EQ(resp->body, "ok");
  }
  EXPECT_EQ(stub.connectionsAccepted(), 1u);
  EXPECT_EQ(transport_.connectionsOpened(), 1u);
}

TEST_F(TransportTest, ConcurrentRequestsAreCappedAndConnectionsReused) {
  HttpStub stub([](const StubRequest& r) { return StubResponse{.status = 200, .body = r.target}; });
  HttpTransport capped(io_, {.maxInFlight = 8});
  int ok = 0;
  auto one = [&](int i) -> Awaitable<void> {
    HttpRequest r;
    r.url = stub.url() + "/" + std::to_string(i);
    auto resp = co_await capped.send(std::move(r));
    if (resp && resp->body == "/" + std::to_string(i)) ++ok;
  };
  for (int round = 0; round < 3; ++round)
    for (int i = 0; i < 40; ++i)
      asio::co_spawn(io_, one(i), asio::detached);
  io_.restart();
  io_.run();
  EXPECT_EQ(ok, 120);
  EXPECT_EQ(capped.peakInFlight(), 8u);
  // at most one connection per slot; 120 requests did not open 120 connections
  EXPECT_LE(stub.connectionsAccepted(), 8u);
}

// A listing whose pages go one at a time (the Tagging API's GetResources) waits
// for a slot ahead of the reads queued before it: with one slot, the stub sees
// it right after the read that held the slot, not after every queued read.
TEST_F(TransportTest, TaggingListingsQueueAheadOfOtherRequests) {
  HttpStub stub([](const StubRequest&) { return json(200, "{}"); });
  HttpTransport oneSlot(io_, {.maxInFlight = 1});
  ClientConfig c;
  c.endpointUrl = stub.url();
  c.credentials = std::make_shared<StaticCredentialsProvider>(
      Credentials{.accessKeyId = "AK", .secretAccessKey = "SK"});
  Client one(oneSlot, c);
  auto call = [&](std::string service, std::string operation) -> Awaitable<void> {
    Value body = Value::object();
    auto r = co_await one.json(service, operation, body);
    EXPECT_TRUE(r) << r.error().message;
  };
  for (int i = 0; i < 4; ++i)
    asio::co_spawn(io_, call("sqs", "GetQueueAttributes"), asio::detached);
  asio::co_spawn(io_, call("tagging", "GetResources"), asio::detached);
  asio::co_spawn(io_, call("sqs", "ListQueueTags"), asio::detached);
  io_.restart();
  io_.run();
  std::vector<std::string> order;
  for (const auto& r : stub.requests())
    order.push_back(r.headers.count("x-amz-target") ? r.headers.at("x-amz-target") : "?");
  ASSERT_EQ(order.size(), 6u);
  EXPECT_EQ(order[0], "AmazonSQS.GetQueueAttributes");
  EXPECT_EQ(order[1], "ResourceGroupsTaggingAPI_20170126.GetResources");
  for (std::size_t i = 2; i < 5; ++i)
    EXPECT_EQ(order[i], "AmazonSQS.GetQueueAttributes") << i;
  EXPECT_EQ(order[5], "AmazonSQS.ListQueueTags");
  EXPECT_EQ(oneSlot.peakInFlight(), 1u);
}

TEST_F(TransportTest, ResponseHeadersAndBodyOfEveryMethod) {
  HttpStub stub([](const StubRequest& r) {
    return StubResponse{.status = r.method == "DELETE" ? 204 : 201,
                        .headers = {{"X-Echo-Method", r.method}, {"ETag", "\"e\""}},
                        .body = r.method == "HEAD" || r.method == "DELETE" ? "" : r.body + "!"};
  });
  for (std::string method : {"GET", "PUT", "POST", "DELETE", "HEAD", "PATCH"}) {
    HttpRequest r;
    r.method = method;
    r.url = stub.url() + "/x";
    r.body = method == "GET" || method == "HEAD" || method == "DELETE" ? "" : "payload";
    auto resp = runAwait(io_, transport_.send(std::move(r)));
    ASSERT_TRUE(resp) << method << ": " << resp.error().message;
    EXPECT_EQ(resp->header("x-echo-method"), method);
    EXPECT_EQ(resp->header("etag"), "\"e\"");
    if (method == "PUT" || method == "POST" || method == "PATCH") {
      EXPECT_EQ(resp->body, "payload!");
    }
  }
  auto reqs = stub.requests();
  ASSERT_EQ(reqs.size(), 6u);
  EXPECT_EQ(reqs[1].headers["content-length"], "7");
  EXPECT_EQ(reqs[1].headers.count("content-type"), 0u);  // none we did not ask for
  EXPECT_EQ(reqs[1].headers.count("expect"), 0u);
}

TEST_F(TransportTest, TimeoutIsATransientError) {
  std::mutex mu;
  std::condition_variable cv;
  bool release = false;
  HttpStub stub([&](const StubRequest&) {
    std::unique_lock lock(mu);
    cv.wait(lock, [&] { return release; });  // a server that never answers in time
    return StubResponse{.status = 200};
  });
  HttpRequest r;
  r.url = stub.url() + "/slow";
  r.timeout = std::chrono::milliseconds(200);
  auto resp = runAwait(io_, transport_.send(std::move(r)));
  {
    std::lock_guard lock(mu);
    release = true;
  }
  cv.notify_all();
  ASSERT_FALSE(resp);
  EXPECT_EQ(resp.error().kind, ErrorKind::Transient);
  EXPECT_EQ(resp.error().code, "RequestTimeout");
  EXPECT_EQ(resp.error().httpStatus, 0);
}

TEST_F(TransportTest, DestroyingTheTransportEndsRequestsInFlight) {
  std::mutex mu;
  std::condition_variable cv;
  bool release = false;
  HttpStub stub([&](const StubRequest&) {
    std::unique_lock lock(mu);
    cv.wait(lock, [&] { return release; });
    return StubResponse{.status = 200};
  });
  auto transport = std::make_unique<HttpTransport>(io_, TransportOptions{.maxInFlight = 1});
  std::vector<std::optional<Result<HttpResponse>>> results(2);
  for (int i = 0; i < 2; ++i)
    asio::co_spawn(
        io_,
        [&, i]() -> Awaitable<void> {
          HttpRequest r;
          r.url = stub.url() + "/hang";
          results[i] = co_await transport->send(std::move(r));
        },
        asio::detached);
  io_.restart();
  while (stub.requestCount() == 0)
    io_.run_one_for(std::chrono::milliseconds(50));
  EXPECT_EQ(transport->inFlight(), 1u);
  EXPECT_EQ(transport->queued(), 1u);
  transport.reset();  // one on the wire, one queued behind the cap
  io_.restart();
  io_.run();
  {
    std::lock_guard lock(mu);
    release = true;
  }
  cv.notify_all();
  for (const auto& r : results) {
    ASSERT_TRUE(r.has_value());
    ASSERT_FALSE(*r);
    EXPECT_EQ(r->error().message, "HTTP transport shut down");
  }
}

TEST_F(TransportTest, ConnectionRefusedIsATransientError) {
  int port = driftless::testing::freePort();
  HttpRequest r;
  r.url = "http://127.0.0.1:" + std::to_string(port) + "/?secret=presigned";
  auto resp = runAwait(io_, transport_.send(std::move(r)));
  ASSERT_FALSE(resp);
  EXPECT_EQ(resp.error().kind, ErrorKind::Transient);
  EXPECT_EQ(resp.error().code, "ConnectionError");
  EXPECT_EQ(resp.error().message.find("presigned"), std::string::npos);  // no query in messages
}

// An HTTPS server with a self-signed certificate: refused with the system CAs,
// accepted with that certificate as the CA bundle.
TEST_F(TransportTest, TlsVerificationIsOnAndACaBundleIsUsed) {
  driftless::testing::TempDir dir;
  const std::string cert = dir.str() + "/cert.pem", key = dir.str() + "/key.pem";
  int rc = 0;
  std::string out = driftless::testing::runCommand(
      {"openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
       "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"},
      &rc);
  ASSERT_EQ(rc, 0) << out;
  std::string why;
  const std::string python = driftless::testing::pythonWithMoto(&why);
  ASSERT_FALSE(python.empty()) << why;
  const int port = driftless::testing::freePort();
  driftless::testing::Process server(
      {python, "-c",
       "import http.server, ssl, sys\n"
       "class H(http.server.BaseHTTPRequestHandler):\n"
       "    def do_GET(self):\n"
       "        self.send_response(200); self.send_header('Content-Length', '2')\n"
       "        self.end_headers(); self.wfile.write(b'ok')\n"
       "    def log_message(self, *a): pass\n"
       "s = http.server.HTTPServer(('127.0.0.1', int(sys.argv[1])), H)\n"
       "ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER); ctx.load_cert_chain(sys.argv[2], "
       "sys.argv[3])\n"
       "s.socket = ctx.wrap_socket(s.socket, server_side=True)\n"
       "s.serve_forever()\n",
       std::to_string(port), cert, key});
  ASSERT_TRUE(driftless::testing::waitForPort(port, 15000, server.pid())) << server.log();
  const std::string url = "https://127.0.0.1:" + std::to_string(port) + "/";

  HttpRequest r1;
  r1.url = url;
  auto refused = runAwait(io_, transport_.send(std::move(r1)));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "ConnectionError");

  HttpTransport trusting(io_, {.caBundle = cert});
  HttpRequest r2;
  r2.url = url;
  auto ok = runAwait(io_, trusting.send(std::move(r2)));
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->body, "ok");
}

TEST_F(TransportTest, ClientRetriesTransientErrorsThenSucceeds) {
  std::atomic<int> calls{0};
  HttpStub stub([&](const StubRequest&) {
    int n = ++calls;
    if (n == 1) return json(503, R"({"__type":"ServiceUnavailable","message":"busy"})");
    if (n == 2) return json(400, R"({"__type":"com.amazonaws.dynamodb#ThrottlingException"})");
    return json(200, R"({"TableNames":["a"]})");
  });
  auto stats = std::make_shared<RequestStats>();
  Client c = client(stub.url(), stats);
  auto r = runAwait(io_, c.json("dynamodb", "ListTables", Value::object()));
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_EQ(r->findPath("TableNames.0")->asString(), "a");
  EXPECT_EQ(calls.load(), 3);
  EXPECT_EQ(stats->byOperation()["dynamodb:ListTables"], 3u);
  auto bySs = stats->byServiceStatus();
  EXPECT_EQ((bySs[{"dynamodb", 503}]), 1u);
  EXPECT_EQ((bySs[{"dynamodb", 400}]), 1u);
  EXPECT_EQ((bySs[{"dynamodb", 200}]), 1u);
}

TEST_F(TransportTest, ClientGivesUpAfterMaxAttempts) {
  HttpStub stub([](const StubRequest&) { return json(500, R"({"__type":"InternalFailure"})"); });
  Client c = client(stub.url());
  auto r = runAwait(io_, c.json("dynamodb", "ListTables", Value::object()));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::Transient);
  EXPECT_EQ(r.error().code, "InternalFailure");
  EXPECT_EQ(r.error().requestId, "rid");
  EXPECT_EQ(stub.requestCount(), 3u);  // the default: 3 attempts
}

// CloudTrail records the User-Agent of every call; the change-event consumer
// ignores events whose agent carries driftless's, so none of its own writes
// comes back as drift.
TEST_F(TransportTest, EveryCallNamesDriftlessInItsUserAgent) {
  HttpStub stub([](const StubRequest&) { return json(200, "{}"); });
  Client c = client(stub.url());
  ASSERT_TRUE(runAwait(io_, c.json("dynamodb", "ListTables", Value::object())));
  Params none;
  (void)runAwait(io_, c.query("sns", "ListTopics", none));
  auto requests = stub.requests();
  ASSERT_EQ(requests.size(), 2u);
  for (const auto& r : requests) {
    ASSERT_EQ(r.headers.count("user-agent"), 1u);
    EXPECT_EQ(r.headers.at("user-agent"), userAgent());
    EXPECT_TRUE(r.headers.at("user-agent").starts_with("driftless/"));
  }
}

TEST_F(TransportTest, ClientNeverRetriesOtherClientErrors) {
  HttpStub stub([](const StubRequest&) {
    return json(400, R"({"__type":"ValidationException","message":"bad table name"})");
  });
  Client c = client(stub.url());
  auto r = runAwait(io_, c.json("dynamodb", "DescribeTable", Value::object()));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::Invalid);
  EXPECT_EQ(r.error().message, "dynamodb:DescribeTable: bad table name");
  EXPECT_EQ(stub.requestCount(), 1u);
}

TEST_F(TransportTest, RequestTimeTooSkewedCorrectsTheClockOnce) {
  // our clock is 20 minutes behind the server's
  const auto local = *sigv4::parseAmzDate("20261122T100000Z");
  std::atomic<int> calls{0};
  std::string secondDate;
  std::mutex mu;
  HttpStub stub([&](const StubRequest& r) {
    int n = ++calls;
    if (n == 1)
      return StubResponse{
          .status = 403,
          .headers = {{"Date", "Sun, 22 Nov 2026 10:20:00 GMT"}},
          .body = R"({"__type":"RequestTimeTooSkewed","message":"Signature expired"})"};
    std::lock_guard lock(mu);
    secondDate = r.headers.at("x-amz-date");
    return json(200, "{}");
  });
  Client c = client(stub.url(), nullptr, [local] { return local; });
  auto r = runAwait(io_, c.json("sqs", "ListQueues", Value::object()));
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_EQ(calls.load(), 2);
  EXPECT_EQ(secondDate, "20261122T102000Z");

  // a second skew error is not corrected again: it is an error like any other
  HttpStub always([](const StubRequest&) {
    return StubResponse{.status = 403,
                        .headers = {{"Date", "Sun, 22 Nov 2026 11:00:00 GMT"}},
                        .body = R"({"__type":"RequestTimeTooSkewed","message":"skewed"})"};
  });
  Client c2 = client(always.url(), nullptr, [local] { return local; });
  auto r2 = runAwait(io_, c2.json("sqs", "ListQueues", Value::object()));
  ASSERT_FALSE(r2);
  EXPECT_EQ(r2.error().code, "RequestTimeTooSkewed");
}

}  // namespace
}  // namespace driftless::aws
