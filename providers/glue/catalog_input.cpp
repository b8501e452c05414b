#include "providers/common/validate.h"
#include "providers/glue/schema.h"

namespace driftless::glue {

void stringValues(Value* map) {
  if (map && map->isString())  // a JSON document written as a string
    if (auto doc = common::jsonDocument(map); doc && doc->isObject()) *map = *doc;
  if (!map || !map->isObject()) return;
  for (auto& [k, v] : map->asObject())
    if (v.isScalar() && !v.isString()) v = Value(v.scalarText());
}

Value catalogInput(const std::string& name, const Value* wanted, const Value* have,
                   std::span<const std::string_view> fields) {
  Value out = Value::object();
  out["Name"] = Value(name);
  for (auto f : fields) {
    const Value* v = wanted ? wanted->find(f) : nullptr;
    if (!v && have) v = have->find(f);
    if (v) out[f] = *v;
  }
  stringValues(out.find("Parameters"));
  if (Value* sd = out.find("StorageDescriptor")) {
    stringValues(sd->find("Parameters"));
    if (Value* serde = sd->find("SerdeInfo")) stringValues(serde->find("Parameters"));
  }
  return out;
}

Value observedInput(const std::string& name, const Value& item,
                    std::span<const std::string_view> fields) {
  Value out = Value::object();
  out["Name"] = Value(name);
  for (auto f : fields)
    if (const Value* v = item.find(f); v && !v->isNull()) out[f] = *v;
  return out;
}

}  // namespace driftless::glue
