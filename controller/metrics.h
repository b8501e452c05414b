#pragma once
// The Prometheus metrics of SPEC §6, kept in memory and rendered as text on
// GET /metrics. Thread-safe: cycles update it, the HTTP handler renders it.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace driftless::controller {

class Metrics {
 public:
  // (service, HTTP status) → requests, from every AWS client of the process.
  using RequestCounts = std::map<std::pair<std::string, int>, std::uint64_t>;
  using RequestSource = std::function<RequestCounts()>;
  // The API budget's state (providers/aws/budget.h), per service and region.
  struct BudgetRate {
    std::string service;
    std::string region;
    double rate = 0;  // requests per second allowed now
    std::uint64_t throttled = 0;
  };
  using BudgetSource = std::function<std::vector<BudgetRate>()>;

  // Upper bounds (seconds) of the cycle duration histogram.
  static const std::vector<double>& durationBuckets();

  void cycleFinished(const std::string& env, const std::string& result, double seconds);
  void setDrifted(const std::string& env, std::size_t n);
  void setManaged(const std::string& env, std::size_t n);
  void setLastSuccess(const std::string& env, double epochSeconds);
  // A change event taken off the events queue, by what became of it
  // (matched, own, read_only, unmanaged, invalid).
  void changeEvent(const std::string& result);
  // The daemon's periodic `unmanaged` scan: resources tagged as ours in no state.
  void setUnmanaged(const std::string& env, const std::string& kind, std::size_t n);
  // A notification given up after every retry (controller/notifier.h).
  void notificationUndelivered(const std::string& target);
  // Each AWS client's counters; summed at render time.
  void addRequestSource(RequestSource source);
  // driftless_api_budget_rate and driftless_aws_throttled_total.
  void setBudgetSource(BudgetSource source);
  // Requests a cycle's observe step made per resource it observed.
  void setObserveRequestsPerResource(const std::string& env, double ratio);

  // Prometheus text exposition format 0.0.4.
  std::string render() const;

 private:
  struct Histogram {
    std::vector<std::uint64_t> buckets;  // cumulative counts are computed at render
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  std::map<std::pair<std::string, std::string>, std::uint64_t> cycles_;  // (env, result)
  std::map<std::string, Histogram> durations_;                           // by env
  std::map<std::string, std::size_t> drifted_;
  std::map<std::string, std::size_t> managed_;
  std::map<std::string, double> lastSuccess_;
  std::map<std::string, std::uint64_t> changeEvents_;                     // by result
  std::map<std::pair<std::string, std::string>, std::size_t> unmanaged_;  // (env, kind)
  std::map<std::string, std::uint64_t> undelivered_;                      // by notification target
  std::vector<RequestSource> requestSources_;
  BudgetSource budgetSource_;
  std::map<std::string, double> observeRequestsPerResource_;  // by env
};

// The resident set size of this process in bytes (0 if unknown).
std::uint64_t residentMemoryBytes();

// Prometheus label value escaping (\\, \", \n).
std::string escapeLabel(const std::string& value);

}  // namespace driftless::controller
