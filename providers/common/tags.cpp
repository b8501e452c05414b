#include "providers/common/tags.h"

#include "providers/compare.h"

namespace driftless::common {

Value tagList(const Value::Object& tags) {
  Value out = Value::array();
  for (const auto& [k, v] : tags) {
    Value t = Value::object();
    t["Key"] = Value(k);
    t["Value"] = Value(v.scalarText());
    out.push(std::move(t));
  }
  return out;
}

Value::Object createTags(const Value* desiredTags, const Value& ownershipTags) {
  Value::Object out = desiredTags ? tagMap(*desiredTags) : Value::Object{};
  for (auto& [k, v] : tagMap(ownershipTags, false))
    out.insert_or_assign(k, v);
  return out;
}

TagChange tagChange(const Value* desiredTags, const Value& liveTags, const Value* ownershipTags) {
  TagChange out;
  Value::Object live = tagMap(liveTags, false);
  auto want = [&](const std::string& k, const Value& v) {
    auto it = live.find(k);
    if (it == live.end() || it->second.scalarText() != v.scalarText())
      out.set.insert_or_assign(k, v);
  };
  if (desiredTags) {
    Value::Object desired = tagMap(*desiredTags);
    for (const auto& [k, v] : desired)
      want(k, v);
    for (const auto& [k, v] : live) {
      if (std::string_view(k).starts_with(kTagPrefix) || std::string_view(k).starts_with("aws:"))
        continue;
      if (!desired.contains(k)) out.remove.push_back(k);
    }
  }
  if (ownershipTags)
    for (const auto& [k, v] : tagMap(*ownershipTags, false))
      want(k, v);
  return out;
}

void setLiveTags(Observed& live, Value tags) {
  live.owner = ownershipFromTags(tags);
  live.properties["Tags"] = std::move(tags);
}

Value liveTags(const Observed& live) {
  const Value* tags = live.properties.find("Tags");
  return tags ? *tags : Value::array();
}

TagChange tagUpdate(const ProviderContext& ctx, const Desired& desired, const Observed& live,
                    const Delta& delta) {
  const Value* desiredTags = delta.differentAt("Tags") ? desired.properties.find("Tags") : nullptr;
  Value ownership = ctx.ownershipTags(desired.id);
  bool ensureOwner = desired.adopt || !live.owner;
  return tagChange(desiredTags, liveTags(live), ensureOwner ? &ownership : nullptr);
}

Value::Object applyTagChange(const Value& liveTags, const TagChange& change) {
  Value::Object out = tagMap(liveTags, false);
  for (const auto& k : change.remove)
    out.erase(k);
  for (const auto& [k, v] : change.set)
    out.insert_or_assign(k, v);
  return out;
}

}  // namespace driftless::common
