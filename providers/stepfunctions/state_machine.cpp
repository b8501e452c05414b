#include "providers/stepfunctions/state_machine.h"

#include <cctype>
#include <chrono>

#include "providers/aws/client.h"
#include "providers/common/errors.h"
#include "providers/common/json_provider.h"
#include "providers/common/json_service.h"
#include "providers/common/provider_base.h"
#include "providers/common/tags.h"
#include "providers/common/wait.h"
#include "providers/compare.h"
#include "providers/stepfunctions/schema.h"

namespace driftless::stepfunctions {

namespace {

const common::JsonTagApi kTags = common::lowerCamelTags("states");

// Manifest settings that are API fields of the same name in lowerCamelCase.
const std::vector<std::string_view> kConfigs = {"LoggingConfiguration", "TracingConfiguration",
                                                "EncryptionConfiguration"};
constexpr std::string_view kDefinitionProps[] = {"Definition", "DefinitionString",
                                                 "DefinitionSubstitutions"};
constexpr std::string_view kS3Location = "DefinitionS3Location";

std::string withFirst(std::string_view s, bool lower) {
  std::string out(s);
  if (!out.empty())
    out[0] = static_cast<char>(lower ? std::tolower(static_cast<unsigned char>(out[0]))
                                     : std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

// CloudFormation's PascalCase ↔ the API's lowerCamelCase, at every depth.
Value recase(const Value& v, bool lower) {
  if (v.isArray()) {
    Value out = Value::array();
    for (const auto& e : v.asArray())
      out.push(recase(e, lower));
    return out;
  }
  if (!v.isObject()) return v;
  Value out = Value::object();
  for (const auto& [k, e] : v.asObject())
    out[withFirst(k, lower)] = recase(e, lower);
  return out;
}

bool isAbsent(const Error& e) {
  return common::isNotFound(e) || common::hasCode(e, {"StateMachineDoesNotExist"});
}

class StateMachineProvider final : public common::JsonProvider<common::ProviderBase> {
 public:
  explicit StateMachineProvider(ProviderContext ctx)
      : JsonProvider("states", std::move(ctx), stateMachineTypeInfo()) {}

  // The definition is compared as the JSON the manifest means (substituted).
  Delta diff(const Desired& desired, const Observed& live) const override {
    Delta d = common::diffIgnoring(info_, desired, live, kDefinitionProps);
    auto want = effectiveDefinition(desired.properties);
    const Value* have = live.properties.find("Definition");
    if (want && (!have || canonicalJson(*want) != canonicalJson(*have))) {
      PropertyChange c;
      c.path = desired.properties.find("Definition") ? "Definition" : "DefinitionString";
      c.desired = *want;
      if (have) c.live = *have;
      d.changes.push_back(std::move(c));
    }
    return d;
  }

  Awaitable<Result<Observed>> observe(const Desired& desired) override {
    auto arn = co_await machineArn(this->name(desired));
    if (!arn) co_return fail(arn.error());
    if (arn->empty()) co_return Observed{};
    co_return co_await describe(desired, *arn);
  }

  Awaitable<Result<Observed>> create(const Desired& original) override {
    auto resolved = co_await withS3Definition(original);
    if (!resolved) co_return fail(resolved.error());
    const Desired& desired = *resolved;
    const std::string name = this->name(desired);
    Value body = settings(desired, nullptr);
    body["name"] = Value(name);
    if (const Value* type = desired.properties.find("StateMachineType")) body["type"] = *type;
    body["tags"] = common::creationTags(kTags, ctx_, desired);
    auto r = co_await call("CreateStateMachine", body);
    // A name whose machine is still DELETING: a short, known wait.
    if (!r)
      co_return fail(
          common::stillDeleting(r.error(), {"StateMachineDeleting"}, "state machine " + name));
    const std::string arn =
        r->find("stateMachineArn") ? r->find("stateMachineArn")->scalarText() : "";
    co_return co_await describe(original, arn);
  }

  Awaitable<Result<Observed>> update(const Desired& original, const Observed& live,
                                     const Delta& delta) override {
    auto resolved = co_await withS3Definition(original);
    if (!resolved) co_return fail(resolved.error());
    const Desired& desired = *resolved;
    const std::string arn = live.attributes.find("Arn")->scalarText();
    Value body = settings(desired, &delta);
    if (body.size() > 0) {
      body["stateMachineArn"] = Value(arn);
      auto r = co_await call("UpdateStateMachine", body);
      if (!r) co_return fail(r.error());
    }
    auto t = co_await common::updateTags(ctx_, kTags, arn, desired, live, delta);
    if (!t) co_return fail(t.error());
    co_return co_await describe(original, arn);
  }

  Awaitable<Result<void>> remove(const Desired& desired, const Observed& live) override {
    std::string arn = live.exists ? live.attributes.find("Arn")->scalarText() : "";
    if (arn.empty()) {
      auto found = co_await machineArn(this->name(desired));
      if (!found) co_return fail(found.error());
      arn = *found;
    }
    if (arn.empty()) co_return Result<void>{};
    Value body = Value::object();
    body["stateMachineArn"] = Value(arn);
    auto r = co_await call("DeleteStateMachine", body);
    co_return common::deleted(r, {"StateMachineDoesNotExist"});
  }

 private:
  // Create/Update fields: definition, role and configurations; with `delta`
  // only those it touches.
  static Value settings(const Desired& d, const Delta* delta) {
    auto touched = [&](std::string_view p) { return !delta || delta->differentAt(p); };
    Value body = Value::object();
    if (auto def = effectiveDefinition(d.properties);
        def && (touched("Definition") || touched("DefinitionString") || touched(kS3Location)))
      body["definition"] = Value(def->toJson());
    if (const Value* role = d.properties.find("RoleArn"); role && touched("RoleArn"))
      body["roleArn"] = *role;
    for (auto c : kConfigs)
      if (const Value* v = d.properties.find(c); v && touched(c))
        body[withFirst(c, true)] = recase(*v, true);
    return body;
  }

  // The ARN of the machine named `name`: derived when the account is known,
  // else looked up with ListStateMachines; "" when there is none.
  Awaitable<Result<std::string>> machineArn(const std::string& name) {
    if (!ctx_.accountId.empty())
      co_return "arn:" + ctx_.partition + ":states:" + ctx_.region + ":" + ctx_.accountId +
          ":stateMachine:" + name;
    std::string token;
    do {
      Value body = Value::object();
      if (!token.empty()) body["nextToken"] = Value(token);
      auto page = co_await call("ListStateMachines", body);
      if (!page) co_return fail(page.error());
      if (const Value* list = page->find("stateMachines"); list && list->isArray())
        for (const auto& m : list->asArray())
          if (m.find("name") && m.find("name")->scalarText() == name)
            co_return m.find("stateMachineArn")->scalarText();
      token = page->find("nextToken") ? page->find("nextToken")->scalarText() : "";
    } while (!token.empty());
    co_return std::string();
  }

  // With DefinitionS3Location, `d` with the object's text as DefinitionString
  // (GetObject, the version if given); else `d` itself.
  Awaitable<Result<Desired>> withS3Definition(const Desired& d) {
    const Value* loc = d.properties.find(kS3Location);
    if (!loc || !loc->isObject()) co_return d;
    const std::string bucket = loc->find("Bucket") ? loc->find("Bucket")->scalarText() : "";
    const std::string key = loc->find("Key") ? loc->find("Key")->scalarText() : "";
    aws::RestRequest req;
    req.bucket = bucket;
    req.path = "/" + key;
    req.operation = loc->find("Version") ? "GetObjectVersion" : "GetObject";
    if (const Value* v = loc->find("Version")) req.query.emplace_back("versionId", v->scalarText());
    auto r = co_await ctx_.aws->rest("s3", std::move(req));
    if (!r) {
      Error e = common::classify(r.error(), "s3:GetObject");
      // A missing object is the manifest's problem, not an absent machine.
      if (e.kind == ErrorKind::NotFound) e.kind = ErrorKind::Invalid;
      e.message = "DefinitionS3Location s3://" + bucket + "/" + key + ": " + e.message;
      co_return fail(std::move(e));
    }
    Desired out = d;
    out.properties.erase(kS3Location);
    out.properties["DefinitionString"] = Value(r->body);
    co_return out;
  }

  // describe(), and with DefinitionS3Location the location itself when the
  // machine runs what the object (substituted) holds.
  Awaitable<Result<Observed>> describe(const Desired& desired, const std::string& arn) {
    auto o = co_await describeMachine(desired, arn);
    if (!o || !o->exists || !desired.properties.find(kS3Location)) co_return o;
    auto resolved = co_await withS3Definition(desired);
    if (!resolved) co_return fail(resolved.error());
    auto want = effectiveDefinition(resolved->properties);
    const Value* have = o->properties.find("Definition");
    if (want && have && canonicalJson(*want) == canonicalJson(*have))
      o->properties[kS3Location] = *desired.properties.find(kS3Location);
    co_return o;
  }

  Awaitable<Result<Observed>> describeMachine(const Desired& desired, const std::string& arn) {
    Value request = Value::object();
    request["stateMachineArn"] = Value(arn);
    auto m = co_await call("DescribeStateMachine", request);
    if (!m) {
      if (isAbsent(m.error())) co_return Observed{};
      co_return fail(m.error());
    }
    auto text = [&](std::string_view f) {
      const Value* v = m->find(f);
      return v ? v->scalarText() : std::string();
    };
    if (text("status") == "DELETING") co_return Observed{};
    auto tags = co_await common::listTags(*ctx_.aws, kTags, arn);
    if (!tags) co_return common::absentOr(tags.error());
    Observed o = common::found(this->name(desired), "StateMachineName");
    o.properties["StateMachineType"] = Value(text("type"));
    o.properties["RoleArn"] = Value(text("roleArn"));
    if (auto def = Value::fromJson(text("definition"))) o.properties["Definition"] = *def;
    for (auto c : kConfigs)
      if (const Value* v = m->find(withFirst(c, true)); v && v->isObject())
        o.properties[c] = recase(*v, false);
    common::setLiveTags(o, std::move(*tags));
    o.attributes["Arn"] = Value(arn);
    o.attributes["Name"] = Value(o.physicalId);
    o.attributes["StateMachineRevisionId"] = Value(text("revisionId"));
    co_return o;
  }
};

}  // namespace

const common::MakeProvider makeStateMachineProvider = common::make<StateMachineProvider>;

}  // namespace driftless::stepfunctions
