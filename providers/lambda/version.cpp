#include "providers/lambda/version.h"

#include "providers/common/errors.h"
#include "providers/common/provider_base.h"
#include "providers/lambda/api.h"
#include "providers/lambda/version_schema.h"

namespace driftless::lambda {

namespace {

constexpr std::string_view kApi = "/2015-03-31/functions/";

std::string text(const Properties& p, std::string_view name) {
  const Value* v = p.find(name);
  return v ? v->scalarText() : "";
}

// The manifest's FunctionName when the live function ARN (unqualified) is that function.
Value functionName(const std::string& unqualifiedArn, const Properties& desired) {
  std::string d = text(desired, "FunctionName");
  if (!d.empty() && (unqualifiedArn == d || unqualifiedArn.ends_with(":function:" + d)))
    return Value(d);
  return Value(unqualifiedArn);
}

// A version or alias ARN (arn:...:function:<name>:<qualifier>) split.
api::Qualified qualified(const std::string& arn) {
  auto colon = arn.rfind(':');
  if (colon == std::string::npos) return {arn, ""};
  return {arn.substr(0, colon), arn.substr(colon + 1)};
}

class VersionProvider final : public common::ProviderBase {
 public:
  explicit VersionProvider(ProviderContext ctx) : ProviderBase(std::move(ctx), versionTypeInfo()) {}

  Awaitable<Result<Observed>> observe(const Desired& desired) override {
    co_return co_await read(desired.physicalId, desired.properties);
  }

  Awaitable<Result<Observed>> create(const Desired& desired) override {
    Value body = Value::object();
    for (const char* k : {"Description", "CodeSha256"})
      if (const Value* v = desired.properties.find(k)) body[k] = Value(v->scalarText());
    const std::string path =
        std::string(kApi) + text(desired.properties, "FunctionName") + "/versions";
    auto r = co_await api::call(*ctx_.aws, "PublishVersion", "POST", path, body);
    if (!r) co_return fail(r.error());
    const Value* arn = r->find("FunctionArn");
    if (!arn)
      co_return fail(ErrorKind::Fatal, "lambda:PublishVersion: no FunctionArn in the response");
    const std::string id = arn->scalarText();
    const api::Qualified q = qualified(id);
    const Properties& p = desired.properties;
    if (auto c = co_await api::putProvisionedConcurrency(*ctx_.aws, q,
                                                         p.find("ProvisionedConcurrencyConfig"));
        !c)
      co_return fail(c.error());
    if (auto c = co_await api::putRuntimePolicy(*ctx_.aws, q, p.find("RuntimePolicy")); !c)
      co_return fail(c.error());
    if (auto c = co_await api::putFunctionScaling(*ctx_.aws, q, p.find("FunctionScalingConfig"));
        !c)
      co_return fail(c.error());
    co_return co_await read(id, desired.properties);
  }

  Awaitable<Result<Observed>> update(const Desired& desired, const Observed& live,
                                     const Delta&) override {
    // Every property replaces; nothing to write (an adopt only records it).
    co_return co_await read(live.physicalId, desired.properties);
  }

  Awaitable<Result<void>> remove(const Desired& desired, const Observed& live) override {
    const std::string arn = live.exists ? live.physicalId : desired.physicalId;
    auto colon = arn.rfind(':');
    if (arn.empty() || colon == std::string::npos) co_return Result<void>{};
    aws::RestRequest req;
    req.method = "DELETE";
    req.path = std::string(kApi) + arn.substr(0, colon);
    req.query.emplace_back("Qualifier", arn.substr(colon + 1));
    auto r = co_await api::send(*ctx_.aws, "DeleteFunction", std::move(req));
    // Lambda refuses to delete a version an alias still references (409). In a
    // replace the alias moves to the new version later in the same apply, so the
    // old version is left in place, unmanaged, as CloudFormation leaves it until
    // its clean-up.
    if (!r && referencedByAlias(r.error())) co_return Result<void>{};
    co_return common::deleted(r);
  }

 private:
  static bool referencedByAlias(const Error& e) {
    return e.code == "ResourceConflictException" && e.message.find("alias") != std::string::npos;
  }

  // The version `arn` (qualified); absent when unknown or gone.
  Awaitable<Result<Observed>> read(const std::string& arn, const Properties& desired) {
    Observed o;
    auto colon = arn.rfind(':');
    if (arn.empty() || colon == std::string::npos) co_return o;
    aws::RestRequest req;
    req.path = std::string(kApi) + arn.substr(0, colon) + "/configuration";
    req.query.emplace_back("Qualifier", arn.substr(colon + 1));
    auto r = co_await api::send(*ctx_.aws, "GetFunctionConfiguration", std::move(req));
    if (!r && common::isNotFound(r.error())) co_return o;
    if (!r) co_return fail(r.error());
    auto cfg = Value::fromJson(r->body);
    if (!cfg) co_return fail(ErrorKind::Transient, "lambda:GetFunctionConfiguration: unreadable");
    o.exists = true;
    o.physicalId = arn;
    o.properties["FunctionName"] = functionName(arn.substr(0, colon), desired);
    o.properties["Description"] = Value(text(*cfg, "Description"));
    if (const Value* sha = cfg->find("CodeSha256")) o.properties["CodeSha256"] = *sha;
    o.attributes["FunctionArn"] = Value(arn);
    o.attributes["Version"] = Value(arn.substr(colon + 1));
    if (auto c = co_await readSettings(qualified(arn), desired, o.properties); !c)
      co_return fail(c.error());
    co_return o;
  }

  // ProvisionedConcurrencyConfig, RuntimePolicy and FunctionScalingConfig,
  // each read only when the manifest has it.
  Awaitable<Result<void>> readSettings(const api::Qualified& q, const Properties& desired,
                                       Properties& out) {
    if (desired.find("ProvisionedConcurrencyConfig")) {
      auto pc = co_await api::readProvisionedConcurrency(*ctx_.aws, q);
      if (!pc) co_return fail(pc.error());
      if (!pc->isNull()) out["ProvisionedConcurrencyConfig"] = *pc;
    }
    if (desired.find("RuntimePolicy")) {
      auto rp = co_await api::readRuntimePolicy(*ctx_.aws, q);
      if (!rp) co_return fail(rp.error());
      out["RuntimePolicy"] = *rp;
    }
    if (desired.find("FunctionScalingConfig")) {
      auto fs = co_await api::readFunctionScaling(*ctx_.aws, q);
      if (!fs) co_return fail(fs.error());
      if (!fs->isNull()) out["FunctionScalingConfig"] = *fs;
    }
    co_return Result<void>{};
  }
};

// RoutingConfig between the manifest's list and the API's {version: weight} map.
Value routingToApi(const Value* manifest) {
  Value weights = Value::object();
  if (const Value* list = manifest ? manifest->find("AdditionalVersionWeights") : nullptr;
      list && list->isArray())
    for (const auto& e : list->asArray())
      if (const Value* v = e.find("FunctionVersion"))
        weights[v->scalarText()] = e.find("FunctionWeight") ? *e.find("FunctionWeight") : Value(0);
  Value out = Value::object();
  out["AdditionalVersionWeights"] = std::move(weights);
  return out;
}

Value routingFromApi(const Value* api) {
  Value list = Value::array();
  if (const Value* w = api ? api->find("AdditionalVersionWeights") : nullptr; w && w->isObject())
    for (const auto& [version, weight] : w->asObject()) {
      Value e = Value::object();
      e["FunctionVersion"] = Value(version);
      e["FunctionWeight"] = weight;
      list.push(std::move(e));
    }
  Value out = Value::object();
  out["AdditionalVersionWeights"] = std::move(list);
  return out;
}

class AliasProvider final : public common::ProviderBase {
 public:
  explicit AliasProvider(ProviderContext ctx) : ProviderBase(std::move(ctx), aliasTypeInfo()) {}

  // By the alias recorded in state when there is one, so a renamed alias is
  // seen as the old one (a replace), not as a new one next to it.
  Awaitable<Result<Observed>> observe(const Desired& desired) override {
    Observed o;
    const std::string path = aliasPath(desired.properties, desired.physicalId);
    Value none = Value::object();
    auto r = co_await api::call(*ctx_.aws, "GetAlias", "GET", path, none);
    if (!r && common::isNotFound(r.error())) co_return o;
    if (!r) co_return fail(r.error());
    o = fromAlias(*r, desired.properties);
    if (auto c = co_await provisioned(o, desired.properties, false); !c) co_return fail(c.error());
    co_return o;
  }

  Awaitable<Result<Observed>> create(const Desired& desired) override {
    Value body = config(desired.properties);
    body["Name"] = Value(text(desired.properties, "Name"));
    const std::string path =
        std::string(kApi) + text(desired.properties, "FunctionName") + "/aliases";
    auto r = co_await api::call(*ctx_.aws, "CreateAlias", "POST", path, body);
    if (!r) co_return fail(r.error());
    Observed o = fromAlias(*r, desired.properties);
    if (auto c = co_await provisioned(o, desired.properties, true); !c) co_return fail(c.error());
    co_return o;
  }

  Awaitable<Result<Observed>> update(const Desired& desired, const Observed& live,
                                     const Delta& delta) override {
    Observed o = live;
    if (!delta.onlyAt({kProvisioned})) {
      const Value body = config(desired.properties);
      const std::string path = aliasPath(desired.properties, live.physicalId);
      auto r = co_await api::call(*ctx_.aws, "UpdateAlias", "PUT", path, body);
      if (!r) co_return fail(r.error());
      o = fromAlias(*r, desired.properties);
    }
    const bool put = delta.differentAt(kProvisioned);
    if (auto c = co_await provisioned(o, desired.properties, put); !c) co_return fail(c.error());
    co_return o;
  }

  Awaitable<Result<void>> remove(const Desired& desired, const Observed& live) override {
    const std::string path =
        aliasPath(desired.properties, live.exists ? live.physicalId : desired.physicalId);
    Value none = Value::object();
    auto r = co_await api::call(*ctx_.aws, "DeleteAlias", "DELETE", path, none);
    co_return common::deleted(r);
  }

 private:
  static constexpr std::string_view kProvisioned = "ProvisionedConcurrencyConfig";

  // The alias's provisioned concurrency: put first when `put`, then read, only
  // when the manifest has it.
  Awaitable<Result<void>> provisioned(Observed& o, const Properties& desired, bool put) {
    const Value* want = desired.find(kProvisioned);
    if (!want) co_return Result<void>{};
    const api::Qualified q = qualified(o.physicalId);
    if (put)
      if (auto c = co_await api::putProvisionedConcurrency(*ctx_.aws, q, want); !c)
        co_return fail(c.error());
    auto pc = co_await api::readProvisionedConcurrency(*ctx_.aws, q);
    if (!pc) co_return fail(pc.error());
    if (!pc->isNull()) o.properties[kProvisioned] = *pc;
    co_return Result<void>{};
  }

  // The alias `arn` (arn:...:function:<name>:<alias>) when known, else the manifest's.
  static std::string aliasPath(const Properties& p, const std::string& arn) {
    auto colon = arn.rfind(':');
    if (arn.starts_with("arn:") && colon != std::string::npos)
      return std::string(kApi) + arn.substr(0, colon) + "/aliases/" + arn.substr(colon + 1);
    return std::string(kApi) + text(p, "FunctionName") + "/aliases/" + text(p, "Name");
  }

  // FunctionVersion, Description and RoutingConfig (all sent: UpdateAlias keeps omitted ones).
  static Value config(const Properties& p) {
    Value body = Value::object();
    body["FunctionVersion"] = Value(text(p, "FunctionVersion"));
    if (p.find("Description")) body["Description"] = Value(text(p, "Description"));
    body["RoutingConfig"] = routingToApi(p.find("RoutingConfig"));
    return body;
  }

  static Observed fromAlias(const Value& a, const Properties& desired) {
    Observed o;
    o.exists = true;
    std::string arn = text(a, "AliasArn");
    o.physicalId = arn;
    auto colon = arn.rfind(':');
    o.properties["FunctionName"] =
        functionName(colon == std::string::npos ? arn : arn.substr(0, colon), desired);
    o.properties["Name"] = Value(text(a, "Name"));
    o.properties["FunctionVersion"] = Value(text(a, "FunctionVersion"));
    o.properties["Description"] = Value(text(a, "Description"));
    o.properties["RoutingConfig"] = routingFromApi(a.find("RoutingConfig"));
    o.attributes["AliasArn"] = Value(arn);
    return o;
  }
};

}  // namespace

const common::MakeProvider makeVersionProvider = common::make<VersionProvider>;
const common::MakeProvider makeAliasProvider = common::make<AliasProvider>;

}  // namespace driftless::lambda
