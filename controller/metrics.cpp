#include "controller/metrics.h"

#include <unistd.h>

#include <cmath>
#include <fstream>
#include <sstream>

namespace driftless::controller {

const std::vector<double>& Metrics::durationBuckets() {
  static const std::vector<double> buckets{0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300};
  return buckets;
}

void Metrics::cycleFinished(const std::string& env, const std::string& result, double seconds) {
  std::lock_guard lock(mu_);
  ++cycles_[{env, result}];
  auto& h = durations_[env];
  const auto& bounds = durationBuckets();
  if (h.buckets.empty()) h.buckets.assign(bounds.size(), 0);
  for (std::size_t i = 0; i < bounds.size(); ++i)
    if (seconds <= bounds[i]) {
      ++h.buckets[i];
      break;
    }
  ++h.count;
  h.sum += seconds;
}

void Metrics::setDrifted(const std::string& env, std::size_t n) {
  std::lock_guard lock(mu_);
  drifted_[env] = n;
}

void Metrics::setManaged(const std::string& env, std::size_t n) {
  std::lock_guard lock(mu_);
  managed_[env] = n;
}

void Metrics::setLastSuccess(const std::string& env, double epochSeconds) {
  std::lock_guard lock(mu_);
  lastSuccess_[env] = epochSeconds;
}

void Metrics::changeEvent(const std::string& result) {
  std::lock_guard lock(mu_);
  ++changeEvents_[result];
}

void Metrics::setUnmanaged(const std::string& env, const std::string& kind, std::size_t n) {
  std::lock_guard lock(mu_);
  unmanaged_[{env, kind}] = n;
}

void Metrics::setBudgetSource(BudgetSource source) {
  std::lock_guard lock(mu_);
  budgetSource_ = std::move(source);
}

void Metrics::setObserveRequestsPerResource(const std::string& env, double ratio) {
  std::lock_guard lock(mu_);
  observeRequestsPerResource_[env] = ratio;
}

void Metrics::addRequestSource(RequestSource source) {
  std::lock_guard lock(mu_);
  requestSources_.push_back(std::move(source));
}

std::string escapeLabel(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

namespace {

std::string number(double v) {
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  std::ostringstream os;
  os.precision(15);
  os << v;
  return os.str();
}

void renderBudget(std::ostream& out, const std::vector<Metrics::BudgetRate>& rates) {
  std::map<std::string, std::uint64_t> throttled;
  out << "# HELP driftless_api_budget_rate Requests per second the API budget allows now "
         "(halved on throttling, raised slowly up to controller.apiBudget).\n"
         "# TYPE driftless_api_budget_rate gauge\n";
  for (const auto& r : rates) {
    throttled[r.service] += r.throttled;
    out << "driftless_api_budget_rate{service=\"" << escapeLabel(r.service) << "\",region=\""
        << escapeLabel(r.region) << "\"} " << number(r.rate) << "\n";
  }
  out << "# HELP driftless_aws_throttled_total AWS responses that said slow down (throttling), "
         "by service.\n# TYPE driftless_aws_throttled_total counter\n";
  for (const auto& [service, n] : throttled)
    out << "driftless_aws_throttled_total{service=\"" << escapeLabel(service) << "\"} " << n
        << "\n";
}

}  // namespace

std::string Metrics::render() const {
  std::lock_guard lock(mu_);
  std::ostringstream out;
  out << "# HELP driftless_cycles_total Reconcile cycles by environment and result.\n"
         "# TYPE driftless_cycles_total counter\n";
  for (const auto& [key, n] : cycles_)
    out << "driftless_cycles_total{env=\"" << escapeLabel(key.first) << "\",result=\""
        << escapeLabel(key.second) << "\"} " << n << "\n";

  out << "# HELP driftless_cycle_duration_seconds Duration of reconcile cycles.\n"
         "# TYPE driftless_cycle_duration_seconds histogram\n";
  const auto& bounds = durationBuckets();
  for (const auto& [env, h] : durations_) {
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < bounds.size(); ++i) {
      cumulative += h.buckets[i];
      out << "driftless_cycle_duration_seconds_bucket{env=\"" << escapeLabel(env) << "\",le=\""
          << number(bounds[i]) << "\"} " << cumulative << "\n";
    }
    out << "driftless_cycle_duration_seconds_bucket{env=\"" << escapeLabel(env)
        << "\",le=\"+Inf\"} " << h.count << "\n";
    out << "driftless_cycle_duration_seconds_sum{env=\"" << escapeLabel(env) << "\"} "
        << number(h.sum) << "\n";
    out << "driftless_cycle_duration_seconds_count{env=\"" << escapeLabel(env) << "\"} " << h.count
        << "\n";
  }

  auto gauge = [&](const char* name, const char* help, const auto& values) {
    out << "# HELP " << name << " " << help << "\n# TYPE " << name << " gauge\n";
    for (const auto& [env, v] : values)
      out << name << "{env=\"" << escapeLabel(env) << "\"} " << number(static_cast<double>(v))
          << "\n";
  };
  gauge("driftless_drifted_resources", "Resources whose live state drifted, last cycle.", drifted_);
  gauge("driftless_managed_resources", "Resources managed in the environment.", managed_);
  gauge("driftless_last_success_timestamp_seconds", "Unix time of the last successful cycle.",
        lastSuccess_);
  if (!observeRequestsPerResource_.empty())
    gauge("driftless_observe_requests_per_resource",
          "AWS requests the last full observe made per resource observed.",
          observeRequestsPerResource_);
  if (!undelivered_.empty()) {
    out << "# HELP driftless_notifications_undelivered_total Notifications given up after "
           "every retry.\n# TYPE driftless_notifications_undelivered_total counter\n";
    for (const auto& [target, n] : undelivered_)
      out << "driftless_notifications_undelivered_total{notification=\"" << escapeLabel(target)
          << "\"} " << n << "\n";
  }

  if (!unmanaged_.empty()) {
    out << "# HELP driftless_unmanaged_resources Resources tagged as this controller's that are "
           "in no state, at the last scan.\n# TYPE driftless_unmanaged_resources gauge\n";
    for (const auto& [key, n] : unmanaged_)
      out << "driftless_unmanaged_resources{env=\"" << escapeLabel(key.first) << "\",kind=\""
          << escapeLabel(key.second) << "\"} " << n << "\n";
  }
  if (!changeEvents_.empty()) {
    out << "# HELP driftless_change_events_total AWS change events taken off the events queue, "
           "by what became of them.\n# TYPE driftless_change_events_total counter\n";
    for (const auto& [result, n] : changeEvents_)
      out << "driftless_change_events_total{result=\"" << escapeLabel(result) << "\"} " << n
          << "\n";
  }

  RequestCounts requests;
  for (const auto& source : requestSources_)
    for (const auto& [key, n] : source())
      requests[key] += n;
  out << "# HELP driftless_aws_requests_total AWS API requests by service and HTTP status.\n"
         "# TYPE driftless_aws_requests_total counter\n";
  for (const auto& [key, n] : requests)
    out << "driftless_aws_requests_total{service=\"" << escapeLabel(key.first) << "\",status=\""
        << key.second << "\"} " << n << "\n";

  if (budgetSource_) renderBudget(out, budgetSource_());

  out << "# HELP process_resident_memory_bytes Resident memory size in bytes.\n"
         "# TYPE process_resident_memory_bytes gauge\n"
      << "process_resident_memory_bytes " << residentMemoryBytes() << "\n";
  return out.str();
}

std::uint64_t residentMemoryBytes() {
  std::ifstream statm("/proc/self/statm");
  std::uint64_t size = 0, resident = 0;
  if (!(statm >> size >> resident)) return 0;
  return resident * static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
}

void Metrics::notificationUndelivered(const std::string& target) {
  std::lock_guard lock(mu_);
  ++undelivered_[target];
}

}  // namespace driftless::controller
