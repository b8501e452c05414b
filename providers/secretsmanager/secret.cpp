#include "providers/secretsmanager/secret.h"

#include <chrono>

#include "providers/aws/client.h"
#include "providers/common/attributes.h"
#include "providers/common/described.h"
#include "providers/common/errors.h"
#include "providers/common/json_provider.h"
#include "providers/common/json_service.h"
#include "providers/common/listed_or_read.h"
#include "providers/common/tags.h"
#include "providers/common/validate.h"
#include "providers/common/wait.h"
#include "providers/compare.h"
#include "providers/secretsmanager/schema.h"
#include "providers/secretsmanager/secret_listing.h"

namespace driftless::secretsmanager {

namespace {

const common::JsonTagApi kTags{.service = "secretsmanager", .idField = "SecretId"};

// GetRandomPassword's parameters: GenerateSecretString's, less the template ones.
const std::vector<std::string_view> kPasswordBooleans = {
    "ExcludeLowercase", "ExcludeNumbers", "ExcludePunctuation",
    "ExcludeUppercase", "IncludeSpace",   "RequireEachIncludedType"};

Value secretRequest(const std::string& name) {
  Value body = Value::object();
  body["SecretId"] = Value(name);
  return body;
}

// CreateSecret of a name whose secret is pending deletion: AWS keeps the name
// for the recovery window, a known wait (or a RestoreSecret) rather than a failure.
Error createSecretError(Error e, const std::string& name) {
  if (common::hasCode(e, {"InvalidRequestException"}) &&
      e.message.find("delet") != std::string::npos) {
    return common::waiting(std::move(e), std::chrono::hours(1),
                           "secret " + name +
                               " is scheduled for deletion; its name is free when the recovery "
                               "window ends (or restore it with RestoreSecret)");
  }
  return e;
}

class SecretProvider final : public common::JsonProvider<common::DescribedProvider> {
 public:
  explicit SecretProvider(ProviderContext ctx)
      : JsonProvider("secretsmanager", std::move(ctx), secretTypeInfo(), kNotObserved) {}

  // In a full observation, from the one ListSecrets listing of the names'
  // common prefix when the cost model chose it; a secret the listing lacks or
  // shows drifted is described on its own (secret_listing.h).
  Awaitable<Result<Observed>> observe(const Desired& desired) override {
    const std::string prefix = co_await common::expectedPrefix(ctx_, info_.type);
    const common::BulkSource listing = secretListing(ctx_, prefix);
    const std::string name = this->name(desired);
    co_return co_await common::listedOrReadBy(ctx_, listing, *this, desired, name,
                                              &SecretProvider::fromSecret,
                                              &SecretProvider::describe);
  }

  Awaitable<Result<Observed>> create(const Desired& desired) override {
    const std::string name = this->name(desired);
    Value body = Value::object();
    body["Name"] = Value(name);
    body["ClientRequestToken"] = Value(common::requestToken());
    for (auto p : {"Description", "KmsKeyId", "Type"})
      if (const Value* v = desired.properties.find(p)) body[p] = Value(v->scalarText());
    auto value = co_await initialValue(desired);
    if (!value) co_return fail(value.error());
    if (*value) body["SecretString"] = Value(**value);
    body["Tags"] = common::creationTags(kTags, ctx_, desired);
    auto r = co_await call("CreateSecret", body);
    if (!r) co_return fail(createSecretError(r.error(), name));
    co_return co_await describe(desired);
  }

  Awaitable<Result<Observed>> update(const Desired& desired, const Observed& live,
                                     const Delta& delta) override {
    const std::string name = this->name(desired);
    Value settings = secretRequest(name);
    for (auto p : {"Description", "KmsKeyId", "Type"})
      if (const Value* v = desired.properties.find(p); v && delta.differentAt(p))
        settings[p] = Value(v->scalarText());
    if (settings.size() > 1) {
      // The SDKs always send an idempotency token; without a value AWS ignores it.
      settings["ClientRequestToken"] = Value(common::requestToken());
      auto r = co_await call("UpdateSecret", settings);
      if (!r) co_return fail(r.error());
    }
    if (const Value* v = desired.properties.find("SecretString");
        v && delta.differentAt("SecretString")) {
      Value body = secretRequest(name);
      body["SecretString"] = Value(v->scalarText());
      body["ClientRequestToken"] = Value(common::requestToken());
      auto r = co_await call("PutSecretValue", body);
      if (!r) co_return fail(r.error());
    }
    co_return co_await retagged(kTags, name, desired, live, delta);
  }

  Awaitable<Result<void>> remove(const Desired& desired, const Observed& live) override {
    Value body = secretRequest(this->name(desired, live));
    if (common::boolLike(desired.properties.find("ForceDeleteWithoutRecovery")).value_or(false))
      body["ForceDeleteWithoutRecovery"] = Value(true);
    else if (auto days = common::intLike(desired.properties.find("RecoveryWindowInDays")))
      body["RecoveryWindowInDays"] = Value(*days);
    auto r = co_await call("DeleteSecret", body);
    // Gone, or already marked deleted (InvalidRequestException): done.
    co_return common::deleted(r, {"InvalidRequestException"});
  }

 private:
  // The value a new secret starts with: SecretString, or one generated from
  // GenerateSecretString (a password, or the template with the password at
  // GenerateStringKey); nullopt when neither is given. Never logged.
  Awaitable<Result<std::optional<std::string>>> initialValue(const Desired& d) {
    if (const Value* v = d.properties.find("SecretString"))
      co_return std::optional<std::string>(v->scalarText());
    const Value* g = d.properties.find("GenerateSecretString");
    if (!g || !g->isObject()) co_return std::optional<std::string>();
    Value body = Value::object();
    if (auto n = common::intLike(g->find("PasswordLength"))) body["PasswordLength"] = Value(*n);
    if (const Value* x = g->find("ExcludeCharacters")) body["ExcludeCharacters"] = *x;
    for (auto b : kPasswordBooleans)
      if (auto v = common::boolLike(g->find(b))) body[b] = Value(*v);
    auto r = co_await call("GetRandomPassword", body);
    if (!r) co_return fail(r.error());
    const Value* password = r->find("RandomPassword");
    if (!password)
      co_return fail(ErrorKind::Fatal, "secretsmanager:GetRandomPassword: no RandomPassword");
    auto templ = common::stringLike(g->find("SecretStringTemplate"));
    auto key = common::stringLike(g->find("GenerateStringKey"));
    if (!templ || !key) co_return std::optional<std::string>(password->scalarText());
    auto doc = Value::fromJson(*templ);
    if (!doc || !doc->isObject())
      co_return fail(ErrorKind::Invalid,
                     "GenerateSecretString.SecretStringTemplate: must be a JSON object");
    (*doc)[*key] = *password;
    co_return std::optional<std::string>(doc->toJson());
  }

  Awaitable<Result<Observed>> describe(const Desired& desired) override {
    Value request = secretRequest(this->name(desired));
    auto secret = co_await call("DescribeSecret", request);
    if (!secret) co_return common::absentOr(secret.error());
    co_return co_await fromSecret(desired, *secret);
  }

  // The secret DescribeSecret or ListSecrets tells, and its value (read with
  // GetSecretValue) when the manifest manages it.
  Awaitable<Result<Observed>> fromSecret(const Desired& desired, const Value& secret) {
    if (const Value* deleted = secret.find("DeletedDate"); deleted && !deleted->isNull())
      co_return Observed{};  // pending deletion: gone to driftless
    const std::string name = this->name(desired);
    Observed o;
    o.exists = true;
    o.physicalId = name;
    o.properties["Name"] = Value(name);
    for (auto p : {"Description", "KmsKeyId", "Type"})
      if (const Value* v = secret.find(p)) o.properties[p] = *v;
    common::setLiveTags(o, common::manifestTags(kTags, secret.find("Tags")));
    o.attributes["Id"] = Value(secret.find("ARN") ? secret.find("ARN")->scalarText() : "");
    if (desired.properties.find("SecretString")) {
      Value request = secretRequest(name);
      auto value = co_await call("GetSecretValue", request);
      if (!value) co_return fail(value.error());
      if (const Value* s = value->find("SecretString")) o.properties["SecretString"] = *s;
    }
    co_return o;
  }
};

}  // namespace

const common::MakeProvider makeSecretProvider = common::make<SecretProvider>;

}  // namespace driftless::secretsmanager
