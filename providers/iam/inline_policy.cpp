#include "providers/iam/inline_policy.h"

#include "providers/aws/client.h"
#include "providers/aws/signer.h"
#include "providers/common/attached_policy.h"
#include "providers/common/attributes.h"
#include "providers/common/errors.h"
#include "providers/common/validate.h"
#include "providers/iam/inline_policy_schema.h"

namespace driftless::iam {

namespace {

// An entity kind: its manifest list, key prefix and API noun.
struct Kind {
  std::string_view list;  // "Roles"
  std::string_view key;   // "role"
  std::string_view noun;  // "Role": GetRolePolicy, RoleName
};
const std::vector<Kind> kKinds = {
    {"Roles", "role", "Role"}, {"Users", "user", "User"}, {"Groups", "group", "Group"}};

// A parent key: "<kind>/<entity>/<policy name>" (IAM names hold no '/').
struct Parent {
  const Kind* kind = nullptr;
  std::string entity;
  std::string policy;
};

Parent parse(const std::string& key) {
  Parent p;
  auto a = key.find('/');
  auto b = a == std::string::npos ? a : key.find('/', a + 1);
  if (b == std::string::npos) return p;
  for (const auto& k : kKinds)
    if (key.compare(0, a, k.key) == 0) p.kind = &k;
  p.entity = key.substr(a + 1, b - a - 1);
  p.policy = key.substr(b + 1);
  return p;
}

std::string keyOf(const Kind& k, const std::string& entity, const std::string& policy) {
  return std::string(k.key) + "/" + entity + "/" + policy;
}

class InlinePolicyProvider final : public common::AttachedPolicyProvider {
 public:
  // `roleOnly`: AWS::IAM::RolePolicy (RoleName), else AWS::IAM::Policy (the lists).
  InlinePolicyProvider(ProviderContext ctx, TypeInfo info, bool roleOnly)
      : AttachedPolicyProvider(std::move(ctx), std::move(info), ""), roleOnly_(roleOnly) {}

 protected:
  std::vector<std::string> parentKeys(const Properties& p) const override {
    std::vector<std::string> out;
    auto policy = common::stringLike(p.find("PolicyName")).value_or("");
    if (roleOnly_) {
      if (auto role = common::stringLike(p.find("RoleName")))
        out.push_back(keyOf(kKinds[0], *role, policy));
      return out;
    }
    for (const auto& k : kKinds)
      if (const Value* list = p.find(k.list); list && list->isArray())
        for (const auto& e : list->asArray())
          if (std::string key = keyOf(k, e.scalarText(), policy);
              std::find(out.begin(), out.end(), key) == out.end())
            out.push_back(std::move(key));
    return out;
  }

  // The first parent shown names the policy; entities are listed once.
  void showParent(Properties& live, const std::string& key) const override {
    Parent p = parse(key);
    if (!p.kind) return;
    if (!live.find("PolicyName")) live["PolicyName"] = Value(p.policy);
    if (roleOnly_) {
      if (!live.find("RoleName")) live["RoleName"] = Value(p.entity);
      return;
    }
    std::string list(p.kind->list);
    if (!live.find(list)) live[list] = Value::array();
    for (const auto& e : live[list].asArray())
      if (e.scalarText() == p.entity) return;
    live[list].push(Value(p.entity));
  }

  Awaitable<Result<std::optional<Value>>> readPolicy(const std::string& key) override {
    std::optional<Value> out;
    Parent p = parse(key);
    if (!p.kind) co_return out;
    const std::string none;
    auto r = co_await call("Get", p, none);
    if (!r && !common::isNotFound(r.error())) co_return fail(r.error());
    if (r) out = document(r->result.child_value("PolicyDocument"));
    co_return out;
  }

  Awaitable<Result<void>> writePolicy(const std::string& key, const std::string& text) override {
    Parent p = parse(key);
    if (!p.kind) co_return fail(ErrorKind::Invalid, "not an inline policy parent: " + key);
    auto r = co_await call("Put", p, text);
    if (!r) co_return fail(r.error());
    co_return Result<void>{};
  }

  Awaitable<Result<void>> detachPolicy(const std::string& key) override {
    Parent p = parse(key);
    if (!p.kind) co_return Result<void>{};
    const std::string none;
    auto r = co_await call("Delete", p, none);
    co_return common::deleted(r);
  }

 private:
  // IAM returns documents URL-encoded.
  static Value document(std::string_view text) {
    if (auto v = Value::fromJson(text); v && v->isObject()) return *v;
    return common::parseJsonAttribute(aws::sigv4::uriDecode(text));
  }

  // <verb><Noun>Policy (GetRolePolicy, PutUserPolicy, DeleteGroupPolicy, ...).
  Awaitable<Result<aws::Xml>> call(std::string_view verb, const Parent& p,
                                   const std::string& text) {
    std::string action = std::string(verb) + std::string(p.kind->noun) + "Policy";
    aws::Params params =
        common::params(std::string(p.kind->noun) + "Name", p.entity, "PolicyName", p.policy);
    if (!text.empty()) params.emplace_back("PolicyDocument", text);
    auto r = co_await ctx_.aws->query("iam", action, std::move(params));
    if (!r) co_return fail(common::classify(r.error(), "iam:" + action));
    co_return r;
  }

  bool roleOnly_;
};

}  // namespace

const common::MakeProvider makePolicyProvider =
    common::make<InlinePolicyProvider, policyTypeInfo, false>;
const common::MakeProvider makeRolePolicyProvider =
    common::make<InlinePolicyProvider, rolePolicyTypeInfo, true>;

}  // namespace driftless::iam
