#include "providers/lambda/permission.h"

#include <algorithm>
#include <cctype>

#include "providers/aws/client.h"
#include "providers/common/errors.h"
#include "providers/common/provider_base.h"
#include "providers/common/validate.h"
#include "providers/compare.h"
#include "providers/lambda/api.h"
#include "providers/lambda/permission_schema.h"

namespace driftless::lambda {

namespace {

constexpr std::string_view kApi = "/2015-03-31/functions/";

// Optional properties and where the statement keeps them: Condition.<operator>.<key>.
struct ConditionField {
  std::string_view property;
  std::string_view op;
  std::string_view key;
};
const std::vector<ConditionField> kConditions = {
    {"SourceArn", "ArnLike", "AWS:SourceArn"},
    {"SourceAccount", "StringEquals", "AWS:SourceAccount"},
    {"PrincipalOrgID", "StringEquals", "aws:PrincipalOrgID"},
    {"FunctionUrlAuthType", "StringEquals", "lambda:FunctionUrlAuthType"},
    {"EventSourceToken", "StringEquals", "lambda:EventSourceToken"},
    {"InvokedViaFunctionUrl", "Bool", "lambda:InvokedViaFunctionUrl"},
};

// AddPermission's form of a property: InvokedViaFunctionUrl a JSON boolean.
Value requestValue(std::string_view property, const Value& v) {
  if (property == "InvokedViaFunctionUrl")
    if (auto b = common::boolLike(&v)) return Value(*b);
  return Value(v.scalarText());
}

std::string text(const Properties& p, std::string_view name) {
  const Value* v = p.find(name);
  return v ? v->scalarText() : "";
}

bool equalNoCase(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

// The statement's principal as the manifest writes it: a service, "*", an
// account id (Lambda stores arn:aws:iam::<account>:root) or an ARN.
std::string principalOf(const Value* principal, const std::string& desired) {
  if (!principal) return "";
  std::string live = principal->scalarText();
  if (principal->isObject() && principal->size() > 0)
    live = principal->asObject().begin()->second.scalarText();
  if (live.starts_with("arn:") && live.ends_with(":root")) {
    auto colons = live.find("::");
    if (colons != std::string::npos && live.substr(colons + 2, live.size() - colons - 7) == desired)
      return desired;
  }
  return live;
}

// The statement as manifest properties; values equal to the manifest's in its spelling.
Properties propertiesOf(const Value& statement, const Properties& desired) {
  Properties p = Value::object();
  p["FunctionName"] = Value(text(desired, "FunctionName"));
  std::string action = statement.find("Action") ? statement.find("Action")->scalarText() : "";
  p["Action"] =
      Value(equalNoCase(action, text(desired, "Action")) ? text(desired, "Action") : action);
  p["Principal"] = Value(principalOf(statement.find("Principal"), text(desired, "Principal")));
  for (const auto& c : kConditions) {
    const Value* v =
        statement.findPath("Condition." + std::string(c.op) + "." + std::string(c.key));
    // The emulator keeps FunctionUrlAuthType on the statement itself.
    if (!v && c.property == "FunctionUrlAuthType") v = statement.find("FunctionUrlAuthType");
    if (v) p[c.property] = Value(v->scalarText());
  }
  return p;
}

// The statement `sid` of a GetPolicy response body; nullopt when it has none.
std::optional<Value> statementIn(const std::string& responseBody, const std::string& sid) {
  auto body = Value::fromJson(responseBody);
  const Value* text = body ? body->find("Policy") : nullptr;
  auto policy = text ? Value::fromJson(text->scalarText()) : Result<Value>(Value());
  const Value* statements = policy ? policy->find("Statement") : nullptr;
  if (!statements || !statements->isArray()) return std::nullopt;
  for (const auto& s : statements->asArray())
    if (const Value* id = s.find("Sid"); id && id->scalarText() == sid) return s;
  return std::nullopt;
}

class PermissionProvider final : public common::ProviderBase {
 public:
  explicit PermissionProvider(ProviderContext ctx)
      : ProviderBase(std::move(ctx), permissionTypeInfo()) {}

  Awaitable<Result<Observed>> observe(const Desired& desired) override {
    Observed o;
    // The function recorded in state when there is one: a statement moved to
    // another function is seen on the old one (a replace), not left behind.
    std::string fn = text(desired.properties, "FunctionName");
    if (auto bar = desired.physicalId.rfind('|'); bar != std::string::npos)
      fn = desired.physicalId.substr(0, bar);
    const std::string sid = statementId(desired.id);
    aws::RestRequest req;
    req.path = std::string(kApi) + fn + "/policy";
    auto r = co_await send("GetPolicy", std::move(req));
    if (!r && common::isNotFound(r.error())) co_return o;  // no function, or no policy
    if (!r) co_return fail(r.error());
    if (auto s = statementIn(r->body, sid)) {
      o.exists = true;
      o.physicalId = fn + "|" + sid;
      o.properties = propertiesOf(*s, desired.properties);
      o.properties["FunctionName"] = Value(fn);
      o.attributes["Id"] = Value(sid);
    }
    co_return o;
  }

  // Also flags a condition live that the manifest does not write: the statement
  // is the whole resource.
  Delta diff(const Desired& desired, const Observed& live) const override {
    Delta d = compareProperties(info_, desired.properties, live.properties);
    for (const auto& c : kConditions)
      if (!desired.properties.find(c.property))
        if (const Value* v = live.properties.find(c.property))
          d.changes.push_back({std::string(c.property), std::nullopt, *v});
    return d;
  }

  Awaitable<Result<Observed>> create(const Desired& desired) override {
    Value body = Value::object();
    body["StatementId"] = Value(statementId(desired.id));
    for (const char* k : {"Action", "Principal"})
      body[k] = Value(text(desired.properties, k));
    for (const auto& c : kConditions)
      if (const Value* v = desired.properties.find(c.property))
        body[c.property] = requestValue(c.property, *v);
    aws::RestRequest req;
    req.method = "POST";
    req.path = std::string(kApi) + text(desired.properties, "FunctionName") + "/policy";
    req.headers.emplace_back("Content-Type", "application/json");
    req.body = body.toJson();
    auto r = co_await send("AddPermission", std::move(req));
    // A statement with this id already there (a create repeated after a crash): observe it.
    if (!r && !common::hasCode(r.error(), {"ResourceConflictException"})) co_return fail(r.error());
    co_return co_await observe(desired);
  }

  Awaitable<Result<Observed>> update(const Desired& desired, const Observed&,
                                     const Delta&) override {
    // Every property replaces; an update only comes from an adopt, which has nothing to write.
    co_return co_await observe(desired);
  }

  Awaitable<Result<void>> remove(const Desired& desired, const Observed& live) override {
    // The function the statement is on: the live one's (a replace's desired names the new one).
    std::string fn = text(desired.properties, "FunctionName");
    if (auto bar = live.physicalId.rfind('|'); live.exists && bar != std::string::npos)
      fn = live.physicalId.substr(0, bar);
    aws::RestRequest req;
    req.method = "DELETE";
    req.path = std::string(kApi) + fn + "/policy/" + statementId(desired.id);
    auto r = co_await send("RemovePermission", std::move(req));
    co_return common::deleted(r);
  }

 private:
  Awaitable<Result<aws::HttpResponse>> send(std::string_view op, aws::RestRequest req) {
    co_return co_await api::send(*ctx_.aws, op, std::move(req));
  }
};

}  // namespace

std::string statementId(const ResourceId& id) {
  std::string out = id.stack.empty() ? id.logicalId : id.stack + "-" + id.logicalId;
  for (auto& c : out)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') c = '-';
  if (out.size() > 100) out.resize(100);
  return out;
}

const common::MakeProvider makePermissionProvider = common::make<PermissionProvider>;

}  // namespace driftless::lambda
