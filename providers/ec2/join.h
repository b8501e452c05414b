#pragma once
// The base of the EC2 types that join two resources and carry no tags of their
// own (a gateway attachment, a route, a route table or network ACL association,
// a network ACL entry): their identity is what they join, recorded in state;
// with no id in state nothing was created (a create finding the identical join
// live adopts it instead).
#include <string>
#include <string_view>

#include "providers/common/provider_base.h"
#include "providers/common/validate.h"
#include "providers/ec2/ec2_api.h"

namespace driftless::ec2 {

// A string-like property of `d`, "" when absent.
inline std::string prop(const Desired& d, const char* name) {
  return common::stringLike(d.properties.find(name)).value_or("");
}
// An integer-like property of `d` (5 or "5") as text, "" when absent.
inline std::string number(const Desired& d, const char* name) {
  auto v = common::intLike(d.properties.find(name));
  return v ? std::to_string(*v) : std::string();
}

class JoinProvider : public common::ProviderBase {
 public:
  using ProviderBase::ProviderBase;

  Awaitable<Result<Observed>> observe(const Desired& desired) override {
    if (desired.physicalId.empty()) co_return Observed{};  // never created
    co_return co_await read(desired, desired.physicalId);
  }

 protected:
  // What is live for `id` (the recorded physical id).
  virtual Awaitable<Result<Observed>> read(const Desired& desired, const std::string& id) = 0;

  Awaitable<Result<aws::Xml>> ec2(std::string_view action, aws::Params params,
                                  const std::string& resource) const {
    co_return co_await call(ctx_, action, std::move(params), resource);
  }
};

}  // namespace driftless::ec2
