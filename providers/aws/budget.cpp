#include "providers/aws/budget.h"

#include <algorithm>

#include <boost/asio/redirect_error.hpp>

namespace driftless::aws {

namespace {

double seconds(std::chrono::steady_clock::duration d) {
  return std::chrono::duration<double>(d).count();
}

}  // namespace

// ---- RateLimiter ----

RateLimiter::RateLimiter(double ceiling, TimePoint now)
    : ceiling_(std::max(kMinRate, ceiling)),
      rate_(ceiling_),
      tokens_(std::max(1.0, ceiling_)),
      refilled_(now),
      lastDecrease_(now),
      lastIncrease_(now) {}

double RateLimiter::burst() const {
  return std::max(1.0, rate_);
}

void RateLimiter::refill(TimePoint now) {
  if (now <= refilled_) return;
  tokens_ = std::min(burst(), tokens_ + rate_ * seconds(now - refilled_));
  refilled_ = now;
}

std::chrono::nanoseconds RateLimiter::reserve(TimePoint now) {
  std::lock_guard lock(mu_);
  refill(now);
  tokens_ -= 1;
  if (tokens_ >= 0) return std::chrono::nanoseconds(0);
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
      std::chrono::duration<double>(-tokens_ / rate_));
}

void RateLimiter::onThrottled(TimePoint now) {
  std::lock_guard lock(mu_);
  refill(now);
  // Requests sent before the last halving answer with throttling too: one
  // halving per interval, or a burst of answers would floor the rate at once.
  if (decreased_ && now - lastDecrease_ < kDecreaseInterval) return;
  rate_ = std::max(kMinRate, rate_ / 2);
  tokens_ = std::min(tokens_, 0.0);
  decreased_ = true;
  lastDecrease_ = now;
  lastIncrease_ = now;
}

void RateLimiter::onSuccess(TimePoint now) {
  std::lock_guard lock(mu_);
  if (rate_ >= ceiling_ || now <= lastIncrease_) return;
  refill(now);
  const double elapsed = std::min(1.0, seconds(now - lastIncrease_));
  rate_ = std::min(ceiling_, rate_ + increaseStep() * elapsed);
  lastIncrease_ = now;
}

double RateLimiter::increaseStep() const {
  // 5% of the ceiling per second: back from half in about ten seconds.
  return std::max(kMinRate, ceiling_ / 20);
}

double RateLimiter::rate() const {
  std::lock_guard lock(mu_);
  return rate_;
}

double RateLimiter::ceiling() const {
  std::lock_guard lock(mu_);
  return ceiling_;
}

// ---- ApiBudget ----

const std::vector<BudgetDefault>& ApiBudget::defaults() {
  // Sources: docs/operations.md, "API budget".
  static const std::vector<BudgetDefault> table = {
      {"tagging", 15, "Resource Groups Tagging API (GetResources, TagResources)"},
      {"lambda", 15, "control-plane API requests other than GetFunction/GetPolicy: 15/s"},
      {"ssm", 40, "Parameter Store default throughput (GetParameter(s)(ByPath)): 40 TPS"},
      {"sns", 30, "ListTopics is throttled at 30 TPS"},
      {"ec2", 20, "non-mutating actions: bucket 100, refill 20/s"},
      {"logs", 10, "control-plane actions such as DescribeLogGroups: 10 TPS"},
      {"monitoring", 9, "DescribeAlarms: 9 TPS"},
      {"iam", 20, "not published per action; a conservative rate"},
      {"sts", 100, "not published as one figure; a conservative rate"},
      {"sqs", 100, "no published control-plane rate (nearly unlimited)"},
      {"dynamodb", 100, "no single published control-plane rate"},
      {"s3", 3500, "3,500 writes / 5,500 reads per second per prefix"},
  };
  return table;
}

bool ApiBudget::knownService(std::string_view service) {
  for (const auto& d : defaults())
    if (d.service == service) return true;
  return false;
}

ApiBudget::ApiBudget(std::map<std::string, double> ceilings, Clock clock, bool awsDefaults)
    : ceilings_(std::move(ceilings)), clock_(std::move(clock)), awsDefaults_(awsDefaults) {
  if (!clock_) clock_ = [] { return std::chrono::steady_clock::now(); };
}

double ApiBudget::ceiling(std::string_view service) const {
  if (auto it = ceilings_.find(std::string(service)); it != ceilings_.end()) return it->second;
  if (!awsDefaults_) return 0;
  for (const auto& d : defaults())
    if (d.service == service) return d.rate;
  return kUnknownServiceRate;
}

ApiBudget::Slot& ApiBudget::slot(std::string_view service, std::string_view region) {
  std::lock_guard lock(mu_);
  auto& s = slots_[{std::string(service), std::string(region)}];
  if (!s.limiter) s.limiter = std::make_unique<RateLimiter>(ceiling(service), clock_());
  return s;  // map nodes are stable; the limiter is thread-safe itself
}

RateLimiter& ApiBudget::limiter(std::string_view service, std::string_view region) {
  return *slot(service, region).limiter;
}

Awaitable<void> ApiBudget::acquire(std::string_view service, std::string_view region) {
  if (ceiling(service) <= 0) co_return;
  const auto wait = limiter(service, region).reserve(clock_());
  if (wait.count() <= 0) co_return;
  asio::steady_timer timer(co_await asio::this_coro::executor, wait);
  boost::system::error_code ec;  // a cancelled wait just sends early
  co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
}

void ApiBudget::onResponse(std::string_view service, std::string_view region, bool throttled) {
  if (ceiling(service) <= 0) return;
  Slot& s = slot(service, region);
  if (throttled) {
    {
      std::lock_guard lock(mu_);
      ++s.throttled;
    }
    s.limiter->onThrottled(clock_());
  } else {
    s.limiter->onSuccess(clock_());
  }
}

std::vector<ApiBudget::Entry> ApiBudget::snapshot() const {
  std::lock_guard lock(mu_);
  std::vector<Entry> out;
  for (const auto& [key, s] : slots_)
    out.push_back(
        Entry{key.first, key.second, s.limiter->rate(), s.limiter->ceiling(), s.throttled});
  return out;
}

}  // namespace driftless::aws
