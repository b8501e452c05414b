#include "providers/iam/policy.h"

#include <algorithm>
#include <string>
#include <vector>

#include "providers/aws/signer.h"
#include "providers/compare.h"

namespace driftless::iam {

namespace {

// Lists of scalars in a policy (Action, Resource, principals, condition
// values) are sets: order carries no meaning.
void sortScalarLists(Value& v) {
  if (v.isObject()) {
    for (auto& [k, e] : v.asObject())
      sortScalarLists(e);
  } else if (v.isArray()) {
    bool scalars = true;
    for (auto& e : v.asArray()) {
      sortScalarLists(e);
      if (!e.isScalar()) scalars = false;
    }
    if (!scalars) return;
    // canonicalJson has made every scalar its text: sort the texts.
    std::vector<std::string> texts;
    for (const auto& e : v.asArray())
      texts.push_back(e.scalarText());
    std::sort(texts.begin(), texts.end());
    v = Value::array();
    for (auto& t : texts)
      v.push(Value(std::move(t)));
  }
}

}  // namespace

Value policyDocument(std::string_view text) {
  if (auto v = Value::fromJson(text); v && v->isObject()) return *v;
  std::string decoded = aws::sigv4::uriDecode(text);  // IAM returns documents URL-encoded
  if (auto v = Value::fromJson(decoded); v && v->isObject()) return *v;
  return Value(std::string(text));
}

Value canonicalPolicy(const Value& v) {
  Value out = canonicalJson(v.isString() ? policyDocument(v.asString()) : v);
  sortScalarLists(out);
  if (out.isObject() && !out.find("Version")) out["Version"] = Value("2008-10-17");
  return out;
}

bool samePolicy(const Value& a, const Value& b) {
  return canonicalPolicy(a) == canonicalPolicy(b);
}

}  // namespace driftless::iam
