#include "providers/lambda/layer_version.h"

#include "providers/common/errors.h"
#include "providers/common/provider_base.h"
#include "providers/lambda/api.h"
#include "providers/lambda/layer_version_schema.h"

namespace driftless::lambda {

namespace {

constexpr std::string_view kLayers = "/2018-10-31/layers";
const std::vector<std::string_view> kContent = {"S3Bucket", "S3Key", "S3ObjectVersion"};

struct Identity {
  std::string arn;
  Value content = Value::object();
};

std::string identityText(const std::string& arn, const Value* content) {
  std::string out = arn;
  for (auto k : kContent) {
    const Value* v = content ? content->find(k) : nullptr;
    out += "|" + (v ? v->scalarText() : std::string());
  }
  return out;
}

Identity parseIdentity(const std::string& id) {
  Identity out;
  auto first = id.find('|');
  out.arn = id.substr(0, first);
  if (first == std::string::npos) return out;
  auto second = id.find('|', first + 1);
  auto last = id.rfind('|');
  if (second == std::string::npos || last <= second) return out;
  out.content["S3Bucket"] = Value(id.substr(first + 1, second - first - 1));
  out.content["S3Key"] = Value(id.substr(second + 1, last - second - 1));
  if (last + 1 < id.size()) out.content["S3ObjectVersion"] = Value(id.substr(last + 1));
  return out;
}

// The layer name of a version ARN (arn:...:layer:<name>:<version>) and its number.
std::pair<std::string, std::string> nameAndNumber(const std::string& arn) {
  auto colon = arn.rfind(':');
  auto layer = arn.rfind(":layer:");
  if (colon == std::string::npos || layer == std::string::npos || colon <= layer + 7) return {};
  return {arn.substr(layer + 7, colon - layer - 7), arn.substr(colon + 1)};
}

Observed fromVersion(const Value& v, const Identity& id, const Properties& desired) {
  Observed o;
  o.exists = true;
  o.physicalId = identityText(id.arn, &id.content);
  std::string name = nameAndNumber(id.arn).first;
  const Value* wanted = desired.find("LayerName");
  o.properties["LayerName"] =
      wanted && (wanted->scalarText() == name || wanted->scalarText().ends_with(":layer:" + name))
          ? *wanted
          : Value(name);
  o.properties["Content"] = id.content;
  for (const char* k : {"Description", "LicenseInfo"})
    o.properties[k] = Value(v.find(k) ? v.find(k)->scalarText() : "");
  for (const char* k : {"CompatibleRuntimes", "CompatibleArchitectures"})
    o.properties[k] = v.find(k) ? *v.find(k) : Value::array();
  o.attributes["LayerVersionArn"] = Value(id.arn);
  return o;
}

class LayerVersionProvider final : public common::ProviderBase {
 public:
  using ProviderBase::ProviderBase;

  Awaitable<Result<Observed>> observe(const Desired& desired) override {
    co_return co_await read(desired.physicalId, desired.properties);
  }

  Awaitable<Result<Observed>> create(const Desired& desired) override {
    const Properties& p = desired.properties;
    Value body = Value::object();
    Value content = Value::object();
    for (auto k : kContent)
      if (const Value* v = p.findPath("Content." + std::string(k)))
        content[k] = Value(v->scalarText());
    body["Content"] = std::move(content);
    for (const char* k : {"Description", "LicenseInfo"})
      if (const Value* v = p.find(k)) body[k] = Value(v->scalarText());
    for (const char* k : {"CompatibleRuntimes", "CompatibleArchitectures"})
      if (const Value* v = p.find(k)) body[k] = *v;
    const Value* name = p.find("LayerName");
    const std::string path =
        std::string(kLayers) + "/" + (name ? name->scalarText() : "") + "/versions";
    auto r = co_await api::call(*ctx_.aws, "PublishLayerVersion", "POST", path, body);
    if (!r) co_return fail(r.error());
    const Value* arn = r->find("LayerVersionArn");
    if (!arn)
      co_return fail(ErrorKind::Fatal,
                     "lambda:PublishLayerVersion: no LayerVersionArn in the response");
    const std::string id = identityText(arn->scalarText(), p.find("Content"));
    co_return co_await read(id, p);
  }

  Awaitable<Result<Observed>> update(const Desired& desired, const Observed& live,
                                     const Delta&) override {
    // Every property replaces; nothing to write (an adopt only records it).
    co_return co_await read(live.physicalId, desired.properties);
  }

  Awaitable<Result<void>> remove(const Desired& desired, const Observed& live) override {
    auto [name, number] =
        nameAndNumber(parseIdentity(live.exists ? live.physicalId : desired.physicalId).arn);
    if (name.empty()) co_return Result<void>{};
    const std::string path = std::string(kLayers) + "/" + name + "/versions/" + number;
    Value none = Value::object();
    auto r = co_await api::call(*ctx_.aws, "DeleteLayerVersion", "DELETE", path, none);
    co_return common::deleted(r);
  }

 private:
  Awaitable<Result<Observed>> read(const std::string& physicalId, const Properties& desired) {
    Observed o;
    Identity id = parseIdentity(physicalId);
    if (id.arn.empty()) co_return o;
    // GetLayerVersion by name and number (the emulator answers GetLayerVersionByArn with {}).
    auto [name, number] = nameAndNumber(id.arn);
    if (name.empty()) co_return o;
    aws::RestRequest req;
    req.path = std::string(kLayers) + "/" + name + "/versions/" + number;
    auto r = co_await api::send(*ctx_.aws, "GetLayerVersion", std::move(req));
    if (!r && common::isNotFound(r.error())) co_return o;
    if (!r) co_return fail(r.error());
    auto v = Value::fromJson(r->body);
    if (!v) co_return fail(ErrorKind::Transient, "lambda:GetLayerVersion: unreadable");
    co_return fromVersion(*v, id, desired);
  }
};

}  // namespace

const common::MakeProvider makeLayerVersionProvider =
    common::make<LayerVersionProvider, layerVersionTypeInfo>;

}  // namespace driftless::lambda
