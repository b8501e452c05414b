#pragma once
// What AWS::Logs::MetricFilter and AWS::Logs::SubscriptionFilter share: a
// filter of a log group, named by FilterName, read with Describe*Filters by
// name prefix, created and changed by one Put*Filter that replaces it whole,
// deleted by name. Not taggable: owned through the state store.
#include <string>
#include <string_view>

#include "providers/common/provider_base.h"

namespace driftless::logs {

class LogFilterProvider : public common::ProviderBase {
 public:
  // The API's names for one kind of filter.
  struct Api {
    std::string_view noun;      // "metric filter", for errors
    std::string_view describe;  // "DescribeMetricFilters"
    std::string_view list;      // "metricFilters", the answer's list
    std::string_view put;       // "PutMetricFilter"
    std::string_view remove;    // "DeleteMetricFilter"
  };

  LogFilterProvider(const ProviderContext& ctx, TypeInfo info, Api api)
      : ProviderBase(ctx, std::move(info)), api_(api) {}

  Awaitable<Result<Observed>> observe(const Desired& desired) override;
  Awaitable<Result<Observed>> create(const Desired& desired) override;
  Awaitable<Result<Observed>> update(const Desired& desired, const Observed&,
                                     const Delta&) override;
  Awaitable<Result<void>> remove(const Desired& desired, const Observed&) override;

 protected:
  // The request fields beyond logGroupName and filterName.
  virtual void toApi(const Properties& p, Value& body) const = 0;
  // The manifest properties beyond FilterName and LogGroupName of a listed filter.
  virtual void fromApi(const Value& filter, Properties& out) const = 0;

 private:
  static std::string text(const Desired& d, std::string_view property);
  Awaitable<Result<Value>> call(std::string_view op, Value body, const std::string& n);
  Awaitable<Result<Observed>> read(const std::string& group, const std::string& n);

  Api api_;
};

}  // namespace driftless::logs
