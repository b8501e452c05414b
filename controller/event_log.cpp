#include "controller/event_log.h"

#include "controller/logging.h"

namespace driftless::controller {

void logEvent(const Event& event) {
  std::vector<logging::Field> fields;
  auto add = [&](const char* key, const std::string& v) {
    if (!v.empty()) fields.emplace_back(key, v);
  };
  add("env", event.env);
  add("cycle", event.cycle);
  add("commit", event.commit);
  add("id", event.id);
  add("type", event.type);
  add("physicalId", event.physicalId);
  if (event.fields.isObject()) {
    for (const auto& [k, v] : event.fields.asObject()) {
      switch (v.type()) {
        case Value::Type::Bool:
          fields.emplace_back(k, v.asBool());
          break;
        case Value::Type::Int:
          fields.emplace_back(k, static_cast<std::int64_t>(v.asInt()));
          break;
        case Value::Type::Double:
          fields.emplace_back(k, v.asDouble());
          break;
        case Value::Type::String:
          fields.emplace_back(k, v.asString());
          break;
        case Value::Type::Null:
          break;
        default:
          fields.emplace_back(k, v.toJson());
      }
    }
  }
  auto level = event.level == "error"  ? spdlog::level::err
               : event.level == "warn" ? spdlog::level::warn
                                       : spdlog::level::info;
  logging::event(event.name, fields, level);
}

}  // namespace driftless::controller
