// AWS::EC2::KeyPair: named by KeyName (Ref); ImportKeyPair of PublicKeyMaterial,
// or CreateKeyPair, whose private key goes, as CloudFormation does, to the SSM
// SecureString parameter /ec2/keypair/<key-pair-id> and nowhere else (never
// logged, never in state or errors). Tagged at creation; a key pair of this
// name is adopted only when it carries this resource's ownership tags. A
// created key adopted after a crash before its parameter was written has a
// private key nobody holds: it is deleted and created again.
#include "providers/aws/crypto.h"
#include "providers/common/call.h"
#include "providers/common/errors.h"
#include "providers/common/provider_base.h"
#include "providers/common/tags.h"
#include "providers/common/validate.h"
#include "providers/compare.h"
#include "providers/ec2/ec2_api.h"
#include "providers/ec2/schema.h"
#include "providers/ec2/types.h"

namespace driftless::ec2 {

namespace {

std::string parameterName(const std::string& keyPairId) {
  return "/ec2/keypair/" + keyPairId;
}

class KeyPairProvider final : public common::ProviderBase {
 public:
  explicit KeyPairProvider(ProviderContext ctx) : ProviderBase(std::move(ctx), keyPairTypeInfo()) {}

  Awaitable<Result<Observed>> observe(const Desired& desired) override {
    co_return co_await read(desired);
  }

  Awaitable<Result<Observed>> create(const Desired& desired) override {
    auto existing = co_await read(desired);
    if (!existing) co_return existing;
    if (existing->exists) {
      auto adopted = co_await adopt(desired, *existing);
      if (!adopted || adopted->exists) co_return adopted;
    }
    const bool imported = desired.properties.find("PublicKeyMaterial") != nullptr;
    aws::Params p{{"KeyName", keyName(desired)}};
    addTagSpecification(
        p, "key-pair",
        common::createTags(desired.properties.find("Tags"), ctx_.ownershipTags(desired.id)));
    if (imported)  // a blob: base64 on the wire
      p.emplace_back("PublicKeyMaterial", aws::base64(keyText(desired, "PublicKeyMaterial")));
    for (const char* k : {"KeyType", "KeyFormat"})
      if (auto v = common::stringLike(desired.properties.find(k)); v && !imported)
        p.emplace_back(k, *v);
    const std::string what = label(desired);
    const std::string_view action = imported ? "ImportKeyPair" : "CreateKeyPair";
    auto r = co_await call(ctx_, action, std::move(p), what);
    if (!r) co_return fail(r.error());
    if (!imported) {
      std::string id = text(r->result, "keyPairId"), material = text(r->result, "keyMaterial");
      auto stored = co_await storePrivateKey(desired, id, std::move(material));
      if (!stored) co_return fail(stored.error());
    }
    co_return co_await read(desired);
  }

  Awaitable<Result<Observed>> update(const Desired& desired, const Observed& live,
                                     const Delta& delta) override {
    const std::string id = live.attributes.find("KeyPairId")->asString();
    auto tags = co_await updateTags(ctx_, id, desired, live, delta);
    if (!tags) co_return fail(tags.error());
    co_return co_await read(desired);  // every other property replaces
  }

  Awaitable<Result<void>> remove(const Desired& desired, const Observed& live) override {
    const Value* id = live.exists ? live.attributes.find("KeyPairId") : nullptr;
    aws::Params p{{"KeyName", keyName(desired)}};
    const std::string what = label(desired);
    auto r = co_await call(ctx_, "DeleteKeyPair", std::move(p), what);
    if (!r && !common::isNotFound(r.error())) co_return fail(r.error());
    if (!id || desired.properties.find("PublicKeyMaterial")) co_return Result<void>{};
    Value body = Value::object();
    body["Name"] = Value(parameterName(id->asString()));
    auto deleted = co_await common::json(*ctx_.aws, "ssm", "DeleteParameter", std::move(body));
    co_return common::deleted(deleted);
  }

 private:
  static std::string keyText(const Desired& d, const char* name) {
    return common::stringLike(d.properties.find(name)).value_or("");
  }
  static std::string keyName(const Desired& d) { return keyText(d, "KeyName"); }
  static std::string label(const Desired& d) { return "key pair " + keyName(d); }

  // The key pair of this name as live; KeyFormat and PublicKeyMaterial cannot
  // be read back (they are the manifest's, and replace when changed).
  Awaitable<Result<Observed>> read(const Desired& desired) {
    aws::Params p{{"KeyName.1", keyName(desired)}};
    const std::string what = label(desired);
    auto r = co_await call(ctx_, "DescribeKeyPairs", std::move(p), what);
    if (!r && common::isNotFound(r.error())) co_return Observed{};
    if (!r) co_return fail(r.error());
    for (pugi::xml_node k : items(r->result, "keySet")) {
      if (text(k, "keyName") != keyName(desired)) continue;
      Observed o = common::found(keyName(desired));
      o.properties["KeyName"] = Value(keyName(desired));
      if (std::string type = text(k, "keyType"); !type.empty()) o.properties["KeyType"] = type;
      for (const char* same : {"KeyFormat", "PublicKeyMaterial"})
        if (const Value* v = desired.properties.find(same)) o.properties[same] = *v;
      o.attributes["KeyPairId"] = Value(text(k, "keyPairId"));
      o.attributes["KeyFingerprint"] = Value(text(k, "keyFingerprint"));
      common::setLiveTags(o, tagsOf(k));
      co_return o;
    }
    co_return Observed{};
  }

  // A key pair of this name found before creating: adopted when it carries
  // this resource's ownership tags (a create interrupted before the state
  // write), a Conflict otherwise. A created key whose private-key parameter
  // was never written is deleted (absent returned), to be created again.
  Awaitable<Result<Observed>> adopt(const Desired& desired, const Observed& live) {
    if (!live.owner || *live.owner != ctx_.ownership(desired.id))
      co_return fail(ErrorKind::Conflict,
                     label(desired) + ": exists and is not this resource's (no ownership tags)");
    if (desired.properties.find("PublicKeyMaterial")) co_return live;
    Value body = Value::object();
    body["Name"] = Value(parameterName(live.attributes.find("KeyPairId")->asString()));
    auto param = co_await common::json(*ctx_.aws, "ssm", "GetParameter", std::move(body));
    if (param) co_return live;
    if (!common::isNotFound(param.error())) co_return fail(param.error());
    aws::Params p{{"KeyName", keyName(desired)}};
    const std::string what = label(desired);
    auto r = co_await call(ctx_, "DeleteKeyPair", std::move(p), what);
    if (!r) co_return fail(r.error());
    co_return Observed{};
  }

  // The private key, to /ec2/keypair/<id> as a SecureString (only there).
  Awaitable<Result<void>> storePrivateKey(const Desired& desired, const std::string& id,
                                          std::string material) {
    Value body = Value::object();
    body["Name"] = Value(parameterName(id));
    body["Type"] = Value("SecureString");
    body["Value"] = Value(std::move(material));
    const Value ownership = ctx_.ownershipTags(desired.id);
    body["Tags"] = common::tagList(common::createTags(nullptr, ownership));
    auto r = co_await common::json(*ctx_.aws, "ssm", "PutParameter", std::move(body));
    if (!r)
      co_return fail(ErrorKind::Transient, label(desired) + ": storing its private key in SSM " +
                                               parameterName(id) + " failed: " + r.error().code);
    co_return Result<void>{};
  }
};

}  // namespace

const common::MakeProvider makeKeyPairProvider = common::make<KeyPairProvider>;

}  // namespace driftless::ec2
