#pragma once
// What a provider of a JSON-protocol service (EventBridge, KMS, Kinesis, ...)
// adds to its base (ProviderBase or DescribedProvider): its calls, each a
// jsonCall of the service it names once, and the delete of a named resource.
#include <string>
#include <string_view>
#include <utility>

#include "providers/common/json_service.h"

namespace driftless::common {

template <typename Base>
class JsonProvider : public Base {
 public:
  // `service`: the Client's service name, also the IAM prefix ("kms"); the
  // rest goes to Base's constructor.
  template <typename... BaseArgs>
  JsonProvider(std::string service, ProviderContext ctx, TypeInfo info, BaseArgs&&... args)
      : Base(std::move(ctx), std::move(info), std::forward<BaseArgs>(args)...),
        service_(std::move(service)) {}

 protected:
  // One call, its error classified with "<service>:<operation>" as the IAM action.
  Awaitable<Result<Value>> call(std::string_view operation, const Value& body) {
    return jsonCall(*this->ctx_.aws, service_, operation, body);
  }
  // The delete `operation` of the resource `field` names: done, also when gone.
  Awaitable<Result<void>> removeNamed(std::string_view operation, std::string_view field,
                                      const std::string& name) {
    return jsonDelete(*this->ctx_.aws, service_, operation, field, name);
  }
  // The same for the resource named in `desired` or `live` (ProviderBase::name).
  Awaitable<Result<void>> removeNamed(std::string_view operation, std::string_view field,
                                      const Desired& desired, const Observed& live) {
    const std::string name = this->name(desired, live);
    co_return co_await jsonDelete(*this->ctx_.aws, service_, operation, field, name);
  }

 private:
  std::string service_;
};

}  // namespace driftless::common
