// Cross-resource checks: static references, physical names, dependency cycles.
#include "reconcile/graph.h"
#include "reconcile/loader_internal.h"

namespace driftless::reconcile::detail {

namespace {

Value unknownAsNull(const Value& v) {
  if (!hasUnresolved(v)) return v;
  if (v.isObject() && v.size() == 1) {
    const std::string& key = v.asObject().begin()->first;
    if (key == "Ref" || key.starts_with("Fn::")) return Value();
  }
  Value out = v.isArray() ? Value::array() : Value::object();
  if (v.isArray())
    for (const auto& e : v.asArray())
      out.push(unknownAsNull(e));
  else
    for (const auto& [k, e] : v.asObject())
      out[k] = unknownAsNull(e);
  return out;
}

}  // namespace

void Loader::resolveStaticRefs() {
  // A Ref to a resource whose Ref value is its physical name, known now, is
  // replaced by that name (a BucketPolicy's Bucket: !Ref Bucket). Repeated so
  // names built from other static names resolve too.
  for (int round = 0; round < 8; ++round) {
    bool changed = false;
    for (auto& [sname, stack] : stacks_) {
      auto lookup = [&](const std::string& logical,
                        const std::string& attr) -> std::optional<Value> {
        if (!attr.empty()) return std::nullopt;
        ResourceId target = referencedId(stack.name, logical);
        auto st = stacks_.find(target.stack);
        if (st == stacks_.end()) return std::nullopt;
        auto it = st->second.resources.find(target.logicalId);
        if (it == st->second.resources.end() || !it->second.info) return std::nullopt;
        const TypeInfo& info = *it->second.info;
        if (!info.refAttribute.empty() || info.physicalNameProperty.empty()) return std::nullopt;
        const Value* name = it->second.out.properties.find(info.physicalNameProperty);
        if (!name || !name->isString() || hasUnresolved(*name)) return std::nullopt;
        return *name;
      };
      for (auto& [lid, res] : stack.resources) {
        if (!hasUnresolved(res.out.properties)) continue;
        Value next = resolvePartial(res.out.properties, lookup);
        if (!(next == res.out.properties)) {
          res.out.properties = std::move(next);
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
}

void Loader::checkPhysicalNames() {
  std::map<std::pair<std::string, std::string>, const Resource*> claimed;
  for (auto& [sname, stack] : stacks_) {
    for (auto& [lid, res] : stack.resources) {
      if (!res.info) continue;
      const TypeInfo& info = *res.info;
      DesiredResource& out = res.out;
      if (!info.physicalNameProperty.empty()) {
        const Value* name = out.properties.find(info.physicalNameProperty);
        if (name && name->isString()) out.physicalId = name->asString();
      }
      if (res.excluded) continue;
      if (info.validate && !res.unknownProperties) {
        // A value known only after apply counts as written: it is a null here,
        // present for required-ness, skipped by the type's value checks.
        Value resolved = Value::object();
        for (const auto& [k, v] : out.properties.asObject())
          if (!res.failedPaths.count(k)) resolved[k] = unknownAsNull(v);
        for (const auto& problem : info.validate(resolved)) {
          auto colon = problem.find(':');
          std::string prop = colon == std::string::npos ? std::string() : problem.substr(0, colon);
          Mark at = !prop.empty() && out.properties.findPath(prop) ? valueMark(res, prop)
                                                                   : res.propertiesKey;
          error(stack.file->path, at, lid + ": " + problem);
          res.valid = false;
        }
      }
      if (out.physicalId.empty()) continue;
      auto key = std::make_pair(info.type, out.physicalId);
      auto [it, fresh] = claimed.emplace(key, &res);
      if (!fresh) {
        const Resource& first = *it->second;
        error(stack.file->path, valueMark(res, info.physicalNameProperty),
              lid + ": " + info.physicalNameProperty + " " + quote(out.physicalId) +
                  " is also claimed by " + first.out.id.str() + " (" + first.out.file + ":" +
                  std::to_string(first.key.line) + ")");
        res.valid = false;
      }
    }
  }
}

void Loader::checkCycles(Stack& stack) {
  // The stack's resources (in id order) as the one dependency graph of reconcile/.
  std::vector<const std::string*> ids;
  std::map<std::string, std::size_t> index;
  for (const auto& [id, r] : stack.resources) {
    index.emplace(id, ids.size());
    ids.push_back(&id);
  }
  DependencyGraph graph;
  graph.dependsOn.resize(ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i)
    for (const auto& dep : stack.resources.at(*ids[i]).dependsOn)
      if (auto it = index.find(dep); it != index.end()) graph.dependsOn[i].push_back(it->second);
  for (const auto& members : graph.cycles()) {
    std::vector<std::string> cycle;
    for (std::size_t i : members)
      cycle.push_back(*ids[i]);
    auto smallest = std::min_element(cycle.begin(), cycle.end());
    std::rotate(cycle.begin(), smallest, cycle.end());
    std::string text;
    for (const auto& c : cycle)
      text += c + " → ";
    text += cycle.front();
    error(stack.file->path, stack.resources.at(cycle.front()).key, "dependency cycle: " + text);
  }
}

}  // namespace driftless::reconcile::detail
