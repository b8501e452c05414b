#include "providers/aws/client.h"

#include <spdlog/spdlog.h>

#include <boost/asio/redirect_error.hpp>

#include <cstdlib>

#include "providers/aws/budget.h"
#include "providers/aws/credentials.h"
#include "providers/aws/endpoints.h"
#include "providers/aws/errors.h"
#include "providers/aws/http_client.h"
#include "providers/aws/protocol.h"
#include "providers/aws/retry.h"
#include "providers/aws/signer.h"

namespace driftless::aws {

// ---- RequestStats ----

void RequestStats::record(std::string_view service, int status, std::string_view operation) {
  std::lock_guard lock(mu_);
  ++byServiceStatus_[{std::string(service), status}];
  ++byOperation_[std::string(operation)];
}

std::uint64_t RequestStats::total() const {
  std::lock_guard lock(mu_);
  std::uint64_t n = 0;
  for (const auto& [k, v] : byServiceStatus_)
    n += v;
  return n;
}

std::uint64_t RequestStats::total(std::string_view service) const {
  std::lock_guard lock(mu_);
  std::uint64_t n = 0;
  for (const auto& [k, v] : byServiceStatus_)
    if (k.first == service) n += v;
  return n;
}

std::map<std::string, std::uint64_t> RequestStats::byOperation() const {
  std::lock_guard lock(mu_);
  return byOperation_;
}

std::map<std::pair<std::string, int>, std::uint64_t> RequestStats::byServiceStatus() const {
  std::lock_guard lock(mu_);
  return byServiceStatus_;
}

void RequestStats::reset() {
  std::lock_guard lock(mu_);
  byServiceStatus_.clear();
  byOperation_.clear();
}

// ---- Client ----

const std::string& userAgent() {
  static const std::string agent = std::string(kUserAgentProduct) + DRIFTLESS_VERSION;
  return agent;
}

namespace {

// One request as the protocols build it, before signing.
struct Prepared {
  std::string method;
  std::string baseUrl;   // scheme://host[:port]
  std::string wirePath;  // encoded path
  Params query;          // decoded
  Headers headers;
  std::string body;
  std::string signingRegion;
  bool s3 = false;
};

std::string hostOf(std::string_view url) {
  auto p = url.find("://");
  std::string_view rest = p == std::string_view::npos ? url : url.substr(p + 3);
  return std::string(rest.substr(0, rest.find('/')));
}

std::string encodeQuery(const Params& query) {
  std::string out;
  for (const auto& [k, v] : query) {
    if (!out.empty()) out.push_back('&');
    out += sigv4::uriEncode(k, false);
    out.push_back('=');
    out += sigv4::uriEncode(v, false);
  }
  return out;
}

bool is2xx(int status) {
  return status >= 200 && status < 300;
}

// Requests other reads wait for, whose pages go one at a time: the transport
// queues them ahead (HttpRequest::ahead), so a listing's sequential pages never
// wait behind the per-resource reads that overlap it (common/tag_snapshot.h).
bool goesAhead(std::string_view service, std::string_view operation) {
  return service == "tagging" && operation == "GetResources";
}

bool isThrottling(const Error& error) {
  return error.kind == ErrorKind::Throttled || error.httpStatus == 429 ||
         isThrottlingCode(error.code);
}

}  // namespace

struct Client::Impl {
  Impl(HttpTransport& t, const ClientConfig& config)
      : transport(t),
        retry(RetryOptions{.maxAttempts = std::max(1, config.maxAttempts)}, nullptr,
              config.random) {
    credentials = config.credentials;
    if (!credentials) credentials = defaultCredentialsChain(t);
    clock = config.clock ? config.clock : [] { return std::chrono::system_clock::now(); };
  }

  HttpTransport& transport;
  std::shared_ptr<CredentialsProvider> credentials;
  std::function<std::chrono::system_clock::time_point()> clock;
  sigv4::SigningKeyCache keys;
  RetryPolicy retry;
  std::chrono::milliseconds clockOffset{0};
  bool skewCorrected = false;

  Awaitable<Result<HttpResponse>> execute(const ClientConfig& config, std::string_view service,
                                          std::string_view operation, Prepared p);
};

Client::Client(HttpTransport& transport, ClientConfig config)
    : config_(std::move(config)), impl_(std::make_unique<Impl>(transport, config_)) {}

Client::~Client() = default;

std::string Client::endpoint(std::string_view service) const {
  return resolveEndpoint(service, config_.region, config_.endpointUrl).url;
}

// Signs and sends `p`, retrying as the policy says. Returns the 2xx response or the Error.
Awaitable<Result<HttpResponse>> Client::Impl::execute(const ClientConfig& config,
                                                      std::string_view service,
                                                      std::string_view operation, Prepared p) {
  Impl& impl = *this;
  const ServiceInfo* info = serviceInfo(service);
  const std::string signingName = info ? std::string(info->signingName) : std::string(service);
  const std::string opName = std::string(service) + ":" + std::string(operation);
  // a GET's empty body has a known hash: no digest for half the cycle's requests
  const std::string payloadHash = p.body.empty() ? std::string(kEmptySha256) : sha256Hex(p.body);
  int lastRetryCost = 0;
  const std::string_view budgetRegion = p.signingRegion;
  for (int attempt = 1;; ++attempt) {
    if (config.budget) co_await config.budget->acquire(service, budgetRegion);
    auto creds = co_await impl.credentials->get();
    if (!creds) {
      Error e = creds.error();
      e.message = opName + ": no credentials (" + impl.credentials->name() + "): " + e.message;
      co_return fail(std::move(e));
    }
    sigv4::Request req;
    req.method = p.method;
    req.path = p.wirePath;
    req.query = p.query;
    req.headers = p.headers;
    req.headers.emplace_back("Host", hostOf(p.baseUrl));
    req.payloadHash = payloadHash;
    sigv4::Options opts;
    opts.region = p.signingRegion;
    opts.service = signingName;
    opts.time = impl.clock() + impl.clockOffset;
    opts.s3 = p.s3;
    sigv4::signHeaders(req, *creds, opts, &impl.keys);

    HttpRequest http;
    http.method = p.method;
    http.url = p.baseUrl + p.wirePath;
    if (!p.query.empty()) http.url += "?" + encodeQuery(p.query);
    http.headers = std::move(req.headers);
    http.headers.emplace_back("User-Agent", userAgent());  // unsigned, as the SDKs send it
    http.body = p.body;
    http.connectTimeout = config.connectTimeout;
    http.timeout = config.requestTimeout;
    http.ahead = goesAhead(service, operation);
    auto response = co_await impl.transport.send(std::move(http));
    if (config.stats) config.stats->record(service, response ? response->status : 0, opName);

    Error error;
    if (response && is2xx(response->status)) {
      impl.retry.onSuccess(lastRetryCost);
      if (config.budget) config.budget->onResponse(service, budgetRegion, false);
      co_return std::move(*response);
    }
    if (response) {
      error = parseErrorResponse(service, operation, *response);
      if (config.budget) config.budget->onResponse(service, budgetRegion, isThrottling(error));
      if (error.code == "RequestTimeTooSkewed" && !impl.skewCorrected) {
        // once per client: a second skew error means the clock is not the problem
        impl.skewCorrected = true;
        std::optional<std::chrono::milliseconds> skew;
        if (auto date = response->header("date")) skew = clockSkew(*date, impl.clock());
        if (skew) {
          impl.clockOffset = *skew;
          spdlog::warn("{}: local clock is {} ms {} the service's; correcting", opName,
                       std::abs(skew->count()), skew->count() > 0 ? "behind" : "ahead of");
          continue;
        }
      }
    } else {
      error = response.error();
      error.message = opName + ": " + error.message;
    }
    auto decision = impl.retry.onFailure(error, attempt);
    if (!decision.retry) co_return fail(std::move(error));
    lastRetryCost = decision.cost;
    spdlog::debug("{}: attempt {} failed ({}), retrying in {} ms", opName, attempt,
                  error.describe(), decision.delay.count());
    if (decision.delay.count() > 0) {
      asio::steady_timer timer(impl.transport.context(), decision.delay);
      boost::system::error_code ec;  // no exception out of a cancelled wait
      co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      if (ec) co_return fail(std::move(error));
    }
  }
}

Awaitable<Result<Xml>> Client::query(std::string_view service, std::string_view action,
                                     Params params) {
  const ServiceInfo* info = serviceInfo(service);
  Endpoint ep = resolveEndpoint(service, config_.region, config_.endpointUrl);
  Prepared p;
  p.method = "POST";
  p.baseUrl = ep.url;
  p.wirePath = "/";
  p.signingRegion = ep.signingRegion;
  Params form;
  form.emplace_back("Action", std::string(action));
  form.emplace_back("Version", info ? std::string(info->apiVersion) : std::string());
  for (auto& kv : params)
    form.push_back(std::move(kv));
  p.body = encodeQuery(form);
  p.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
  auto response = co_await impl_->execute(config_, service, action, std::move(p));
  if (!response) co_return fail(std::move(response.error()));
  co_return parseQueryResponse(service, action, *response);
}

Awaitable<Result<Value>> Client::json(std::string_view service, std::string_view operation,
                                      const Value& body) {
  const ServiceInfo* info = serviceInfo(service);
  if (!info || info->protocol != Protocol::Json)
    co_return fail(ErrorKind::Fatal, std::string(service) + ":" + std::string(operation) +
                                         ": not a JSON-protocol service");
  Endpoint ep = resolveEndpoint(service, config_.region, config_.endpointUrl);
  Prepared p;
  p.method = "POST";
  p.baseUrl = ep.url;
  p.wirePath = "/";
  p.signingRegion = ep.signingRegion;
  p.body = body.isNull() ? "{}" : body.toJson();
  p.headers.emplace_back("Content-Type",
                         "application/x-amz-json-" + std::string(info->jsonVersion));
  p.headers.emplace_back("X-Amz-Target",
                         std::string(info->targetPrefix) + "." + std::string(operation));
  auto response = co_await impl_->execute(config_, service, operation, std::move(p));
  if (!response) co_return fail(std::move(response.error()));
  co_return parseJsonResponse(service, operation, *response);
}

Awaitable<Result<HttpResponse>> Client::rest(std::string_view service, RestRequest request) {
  Endpoint ep = resolveEndpoint(service, config_.region, config_.endpointUrl);
  Prepared p;
  p.method = request.method;
  p.signingRegion = ep.signingRegion;
  p.s3 = service == "s3";
  std::string path = request.path.empty() ? "/" : request.path;
  if (path.front() != '/') path.insert(path.begin(), '/');
  p.baseUrl = ep.url;
  if (p.s3 && !request.bucket.empty()) {
    if (!ep.custom && virtualHostable(request.bucket)) {
      auto scheme = ep.url.find("://");
      p.baseUrl = ep.url.substr(0, scheme + 3) + request.bucket + "." + ep.url.substr(scheme + 3);
    } else {
      path = "/" + request.bucket + (path == "/" ? std::string() : path);
    }
  }
  p.wirePath = sigv4::uriEncode(path, true);
  p.query = std::move(request.query);
  p.headers = std::move(request.headers);
  p.body = std::move(request.body);
  std::string operation = request.operation.empty() ? request.method : request.operation;
  co_return co_await impl_->execute(config_, service, operation, std::move(p));
}

Awaitable<Result<Xml>> Client::restXml(std::string_view service, RestRequest request) {
  std::string operation = request.operation.empty() ? request.method : request.operation;
  auto response = co_await rest(service, std::move(request));
  if (!response) co_return fail(std::move(response.error()));
  co_return parseXmlResponse(service, operation, *response);
}

}  // namespace driftless::aws
