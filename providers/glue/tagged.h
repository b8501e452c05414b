#pragma once
// What the taggable Glue types (jobs, crawlers) share: named by their Name,
// tagged through their ARN (arn:...:glue:<region>:<account>:<kind>/<name>)
// with GetTags/TagResource/UntagResource, tags a {key: value} map as
// CloudFormation writes them.
#include <span>
#include <string>
#include <string_view>

#include "providers/common/json_service.h"
#include "providers/common/provider_base.h"

namespace driftless::glue {

// A type's read and delete calls, as data.
struct NamedApi {
  std::string arnKind;                       // "job": arn:...:glue:<region>:<account>:job/<name>
  std::string getOp;                         // "GetJob"
  std::string deleteOp;                      // "DeleteJob"
  std::string nameField;                     // the field naming it in both: "JobName"
  std::string item;                          // the answer's field holding it: "Job"
  std::span<const std::string_view> fields;  // what the manifest may manage, same names
};

class TaggedProvider : public common::ProviderBase {
 public:
  TaggedProvider(ProviderContext ctx, TypeInfo info, NamedApi api)
      : ProviderBase(std::move(ctx), std::move(info)), api_(std::move(api)) {}

  Awaitable<Result<Observed>> observe(const Desired& desired) override {
    co_return co_await read(name(desired));
  }
  Awaitable<Result<void>> remove(const Desired& desired, const Observed& live) override;

 protected:
  // The get call (absent when not found): Name, each of the api's fields the
  // answer has, and the tags.
  Awaitable<Result<Observed>> read(const std::string& n);
  // After the type's own update call: the tag calls, then a read.
  Awaitable<Result<Observed>> finishUpdate(const Desired& d, const Observed& live,
                                           const Delta& delta);
  std::string arn(const std::string& name) const;
  Awaitable<Result<Value>> call(std::string_view op, const Value& body);
  // What a type reshapes in a read's properties (a crawler's schedule).
  virtual void reshape(Observed&) const {}
  // GetTags into `o`: properties.Tags without the ownership tags (a map, as
  // the manifest writes it) and the owner they name.
  Awaitable<Result<void>> readTags(const std::string& name, Observed& o);
  // The tags update() sends: the manifest's when the delta touches them, the
  // ownership tags when adopting or when the resource carries none.
  Awaitable<Result<void>> writeTags(const Desired& d, const Observed& live, const Delta& delta);
  // The Tags of a Create call: the manifest's and the ownership tags.
  Value createTags(const Desired& d) const;
  // The manifest's properties except `skip`, for a Create/Update call; the
  // argument maps (`stringMaps`) with string values.
  static Value requestFields(const Desired& d, std::span<const std::string_view> skip,
                             std::span<const std::string_view> stringMaps);

 private:
  NamedApi api_;
};

}  // namespace driftless::glue
