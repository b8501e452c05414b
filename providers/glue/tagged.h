#pragma once
// What the taggable Glue types (jobs, crawlers) share: named by their Name,
// made by one Create call with their tags, changed by one Update call of the
// manifest's definition, read by one Get call, deleted by one Delete call, and
// tagged through their ARN (arn:...:glue:<region>:<account>:<kind>/<name>)
// with GetTags/TagResource/UntagResource, tags a {key: value} map as
// CloudFormation writes them.
#include <span>
#include <string>
#include <string_view>

#include "providers/common/json_provider.h"
#include "providers/common/provider_base.h"

namespace driftless::glue {

// A type's calls, as data.
struct NamedApi {
  std::string arnKind;                       // "job": arn:...:glue:<region>:<account>:job/<name>
  std::string createOp;                      // "CreateJob" (takes Name and Tags)
  std::string updateOp;                      // "UpdateJob"
  std::string getOp;                         // "GetJob"
  std::string deleteOp;                      // "DeleteJob"
  std::string nameField;                     // the field naming it in get and delete: "JobName"
  std::string item;                          // the get answer's field holding it: "Job"
  std::span<const std::string_view> fields;  // what the manifest may manage, same names
};

class TaggedProvider : public common::JsonProvider<common::ProviderBase> {
 public:
  TaggedProvider(ProviderContext ctx, TypeInfo info, NamedApi api)
      : JsonProvider("glue", std::move(ctx), std::move(info)), api_(std::move(api)) {}

  // create: the create call with the type's definition, its name and the
  // tags; update: the update call (unless only Tags differ), then the tag calls.
  DRIFTLESS_PROVIDER_OPERATIONS;

 protected:
  // The manifest's definition in the API's shape (no Name, no Tags).
  virtual Value definition(const Desired& d) const = 0;
  // The update call's body for the resource named `name`.
  virtual Value updateBody(const Desired& d, const std::string& name) const = 0;
  // What a type reshapes in a read's properties (a crawler's schedule).
  virtual void reshape(Observed&) const {}

  // The manifest's properties but Name and Tags; the `stringMaps` among them
  // with string values.
  static Value requestFields(const Desired& d, std::span<const std::string_view> stringMaps);

 private:
  // The get call (absent when not found): Name, each of the api's fields the
  // answer has, and the tags.
  Awaitable<Result<Observed>> read(const std::string& n);
  std::string arn(const std::string& name) const;
  // GetTags into `o`: properties.Tags without the ownership tags (a map, as
  // the manifest writes it) and the owner they name.
  Awaitable<Result<void>> readTags(const std::string& name, Observed& o);

  NamedApi api_;
};

}  // namespace driftless::glue
