#include "providers/kms/key.h"

#include "providers/aws/client.h"
#include "providers/common/attributes.h"
#include "providers/common/bulk_read.h"
#include "providers/common/errors.h"
#include "providers/common/field_text.h"
#include "providers/common/json_provider.h"
#include "providers/common/json_service.h"
#include "providers/common/owned.h"
#include "providers/common/provider_base.h"
#include "providers/common/tags.h"
#include "providers/common/validate.h"
#include "providers/compare.h"
#include "providers/kms/schema.h"

namespace driftless::kms {

namespace {

const common::JsonTagApi kTags{.service = "kms",
                               .idField = "KeyId",
                               .keyField = "TagKey",
                               .valueField = "TagValue",
                               .listOperation = "ListResourceTags"};

// Properties that only steer a call and are never observed.
constexpr std::string_view kNotObserved[] = {"PendingWindowInDays",
                                             "BypassPolicyLockoutSafetyCheck"};

Value keyRequest(const std::string& keyId) {
  Value body = Value::object();
  body["KeyId"] = Value(keyId);
  return body;
}

std::string policyText(const Value& policy) {
  return policy.isString() ? policy.asString() : policy.toJson();
}

class KeyProvider final : public common::JsonProvider<common::ProviderBase> {
 public:
  explicit KeyProvider(ProviderContext ctx) : JsonProvider("kms", std::move(ctx), keyTypeInfo()) {}

  Delta diff(const Desired& desired, const Observed& live) const override {
    return common::diffIgnoring(info_, desired, live, kNotObserved);
  }

  Awaitable<Result<Observed>> observe(const Desired& desired) override {
    if (desired.physicalId.empty()) co_return co_await interruptedCreate(desired);
    co_return co_await describe(desired, desired.physicalId, true);
  }

  Awaitable<Result<Observed>> create(const Desired& desired) override {
    Value body = Value::object();
    for (auto p : {"Description", "KeySpec", "KeyUsage", "Origin"})
      if (const Value* v = desired.properties.find(p)) body[p] = Value(v->scalarText());
    for (auto p : {"MultiRegion", "BypassPolicyLockoutSafetyCheck"})
      if (const Value* v = desired.properties.find(p)) body[p] = *common::asJsonBool(*v);
    if (const Value* policy = desired.properties.find("KeyPolicy"))
      body["Policy"] = Value(policyText(*policy));
    body["Tags"] = common::creationTags(kTags, ctx_, desired);
    auto r = co_await call("CreateKey", body);
    if (!r) co_return fail(r.error());
    const Value* id = r->findPath("KeyMetadata.KeyId");
    if (!id)
      co_return fail(ErrorKind::Fatal, "kms:CreateKey: no KeyMetadata.KeyId in the response");
    const std::string keyId = id->scalarText();
    auto settings = co_await applySettings(desired, keyId, nullptr);
    if (!settings) co_return fail(settings.error());
    co_return co_await describe(desired, keyId);
  }

  Awaitable<Result<Observed>> update(const Desired& desired, const Observed& live,
                                     const Delta& delta) override {
    for (auto p : kCreateOnly)
      if (delta.differentAt(p))
        co_return fail(ErrorKind::Invalid,
                       std::string(p) + " cannot change on an existing KMS key (key " +
                           live.physicalId +
                           "); declare a new AWS::KMS::Key resource and move its users to it");
    const std::string keyId = live.physicalId;
    if (delta.differentAt("Description")) {
      Value body = keyRequest(keyId);
      body["Description"] = Value(desired.properties.find("Description")->scalarText());
      auto r = co_await call("UpdateKeyDescription", body);
      if (!r) co_return fail(r.error());
    }
    if (delta.differentAt("KeyPolicy")) {
      Value body = keyRequest(keyId);
      body["PolicyName"] = Value("default");
      body["Policy"] = Value(policyText(*desired.properties.find("KeyPolicy")));
      if (const Value* b = desired.properties.find("BypassPolicyLockoutSafetyCheck"))
        body["BypassPolicyLockoutSafetyCheck"] = *common::asJsonBool(*b);
      auto r = co_await call("PutKeyPolicy", body);
      if (!r) co_return fail(r.error());
    }
    auto settings = co_await applySettings(desired, keyId, &delta);
    if (!settings) co_return fail(settings.error());
    auto t = co_await common::updateTags(ctx_, kTags, keyId, desired, live, delta);
    if (!t) co_return fail(t.error());
    co_return co_await describe(desired, keyId);
  }

  Awaitable<Result<void>> remove(const Desired& desired, const Observed& live) override {
    const std::string keyId = live.exists ? live.physicalId : desired.physicalId;
    if (keyId.empty()) co_return Result<void>{};
    Value body = keyRequest(keyId);
    if (auto days = common::intLike(desired.properties.find("PendingWindowInDays")))
      body["PendingWindowInDays"] = Value(*days);
    auto r = co_await call("ScheduleKeyDeletion", body);
    // Already pending deletion (KMSInvalidStateException) or gone: done.
    co_return common::deleted(r, {"KMSInvalidStateException"});
  }

 private:
  // No key id in state: a CreateKey whose id state never recorded (a crash
  // right after it) left a key with this resource's ownership tags. Found, it
  // is this resource, not a reason to create a second key.
  Awaitable<Result<Observed>> interruptedCreate(const Desired& desired) {
    auto arns = co_await common::ownedArns(ctx_, "kms:key", desired.id);
    if (!arns) co_return fail(arns.error());
    for (const auto& arn : *arns) {
      std::string keyId = arn.substr(arn.rfind('/') + 1);
      auto live = co_await describe(desired, keyId);
      if (!live || live->exists) co_return live;  // a key pending deletion is not it
    }
    co_return Observed{};
  }

  // Rotation and Enabled: after CreateKey (delta null: whatever the manifest
  // sets) or in an update (only what `delta` touches).
  Awaitable<Result<void>> applySettings(const Desired& d, const std::string& keyId,
                                        const Delta* delta) {
    auto touched = [&](std::string_view p) { return !delta || delta->differentAt(p); };
    std::optional<bool> rotate = common::boolLike(d.properties.find("EnableKeyRotation"));
    if (rotate && (touched("EnableKeyRotation") || touched("RotationPeriodInDays")) &&
        (*rotate || delta)) {
      Value body = keyRequest(keyId);
      auto period = common::intLike(d.properties.find("RotationPeriodInDays"));
      if (*rotate && period) body["RotationPeriodInDays"] = Value(*period);
      auto r = co_await call(*rotate ? "EnableKeyRotation" : "DisableKeyRotation", body);
      if (!r) co_return fail(r.error());
    }
    std::optional<bool> enabled = common::boolLike(d.properties.find("Enabled"));
    if (enabled && touched("Enabled") && (!*enabled || delta)) {
      Value body = keyRequest(keyId);
      auto r = co_await call(*enabled ? "EnableKey" : "DisableKey", body);
      if (!r) co_return fail(r.error());
    }
    co_return Result<void>{};
  }

  // The key; with `observing` (a full observation's read, never the read
  // after a write: the Tagging API lags it), its tags from the snapshot when
  // they agree with the manifest.
  Awaitable<Result<Observed>> describe(const Desired& desired, const std::string& keyId,
                                       bool observing = false) {
    Value request = keyRequest(keyId);
    auto key = co_await call("DescribeKey", request);
    if (!key) co_return common::absentOr(key.error());
    const Value* meta = key->find("KeyMetadata");
    auto text = [&](std::string_view f) { return common::fieldText(meta, f); };
    const std::string state = text("KeyState");
    if (state == "PendingDeletion" || state == "PendingReplicaDeletion") co_return Observed{};
    const std::string arn = text("Arn");
    auto tags = co_await common::liveTags(ctx_, kTags, desired, keyId, arn, observing);
    if (!tags) co_return fail(tags.error());
    Observed o;
    o.exists = true;
    o.physicalId = text("KeyId");
    for (auto f : {"Description", "KeySpec", "KeyUsage", "Origin", "Enabled", "MultiRegion"})
      if (const Value* v = meta ? meta->find(f) : nullptr) o.properties[f] = *v;
    if (state == "Creating" || state == "Updating") o.status = state;
    common::setLiveTags(o, std::move(*tags));
    o.attributes["Arn"] = Value(text("Arn"));
    o.attributes["KeyId"] = Value(o.physicalId);
    auto extra = co_await describeManaged(desired, keyId, o);
    if (!extra) co_return fail(extra.error());
    co_return o;
  }

  // The reads only a managed property needs: the key policy, the rotation status.
  Awaitable<Result<void>> describeManaged(const Desired& desired, const std::string& keyId,
                                          Observed& o) {
    if (desired.properties.find("KeyPolicy")) {
      Value body = keyRequest(keyId);
      body["PolicyName"] = Value("default");
      auto policy = co_await call("GetKeyPolicy", body);
      if (!policy) co_return fail(policy.error());
      if (const Value* p = policy->find("Policy"))
        o.properties["KeyPolicy"] = common::parseJsonAttribute(p->scalarText());
    }
    if (desired.properties.find("EnableKeyRotation") ||
        desired.properties.find("RotationPeriodInDays")) {
      Value body = keyRequest(keyId);
      auto rotation = co_await call("GetKeyRotationStatus", body);
      if (!rotation) co_return fail(rotation.error());
      if (const Value* v = rotation->find("KeyRotationEnabled"))
        o.properties["EnableKeyRotation"] = *v;
      if (const Value* v = rotation->find("RotationPeriodInDays"))
        o.properties["RotationPeriodInDays"] = *v;
    }
    co_return Result<void>{};
  }
};

}  // namespace

const common::MakeProvider makeKeyProvider = common::make<KeyProvider>;

}  // namespace driftless::kms
