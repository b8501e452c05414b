#include "reconcile/outputs.h"

#include <set>

#include "reconcile/intrinsics.h"

namespace driftless::reconcile {

void recordOutputs(const DesiredState& desired, state::EnvironmentState& applied) {
  auto lookup = [&](const std::string& logical,
                    const std::string& attribute) -> std::optional<Value> {
    ResourceId id = referencedId("", logical);
    const state::AppliedResource* r = applied.find(id);
    if (!r) return std::nullopt;
    const DesiredResource* d = desired.find(id);
    std::string attr = attribute;
    if (attr.empty() && d && d->info && !d->info->refAttribute.empty())
      attr = d->info->refAttribute;
    if (attr.empty()) return Value(r->physicalId);
    if (const Value* v = r->attributes.find(attr)) return *v;
    return std::nullopt;
  };
  std::set<std::pair<std::string, std::string>> wanted;
  for (const auto& o : desired.outputs) {
    wanted.emplace(o.stack, o.name);
    auto value = resolveAll(o.value, lookup);
    if (!value) continue;
    state::AppliedOutput out;
    out.value = o.secret ? Value("(secret)") : std::move(*value);
    out.exportName = o.exportName;
    out.description = o.description;
    out.secret = o.secret;
    applied.stacks[o.stack].outputs[o.name] = std::move(out);
  }
  for (auto& [stack, s] : applied.stacks)
    std::erase_if(s.outputs, [&](const auto& kv) { return !wanted.count({stack, kv.first}); });
}

Value outputsView(const state::EnvironmentState& applied) {
  Value out = Value::array();
  for (const auto& [stack, s] : applied.stacks) {
    for (const auto& [name, o] : s.outputs) {
      Value v = Value::object();
      v["stack"] = Value(stack);
      v["name"] = Value(name);
      v["value"] = o.secret ? Value("(secret)") : o.value;
      v["export"] = Value(o.exportName);
      v["description"] = Value(o.description);
      out.push(std::move(v));
    }
  }
  return out;
}

}  // namespace driftless::reconcile
