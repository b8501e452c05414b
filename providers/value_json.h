#pragma once
// A Value written through a RapidJSON SAX writer (Writer, PrettyWriter, or any
// handler with their calls): Value::toJson and toPrettyJson use it, and so does
// a writer that streams a document too large to copy into one Value first
// (state.json, state/records.cpp).
#include <cmath>

#include <rapidjson/rapidjson.h>

#include "providers/value.h"

namespace driftless {

template <typename Writer>
void writeJson(const Value& v, Writer& w) {
  switch (v.type()) {
    case Value::Type::Null:
      w.Null();
      break;
    case Value::Type::Bool:
      w.Bool(v.asBool());
      break;
    case Value::Type::Int:
      w.Int64(v.asInt());
      break;
    case Value::Type::Double:
      if (std::isfinite(v.asDouble())) {
        w.Double(v.asDouble());
      } else {
        w.Null();
      }
      break;
    case Value::Type::String:
      w.String(v.asString().data(), static_cast<rapidjson::SizeType>(v.asString().size()));
      break;
    case Value::Type::Array:
      w.StartArray();
      for (const auto& e : v.asArray())
        writeJson(e, w);
      w.EndArray();
      break;
    case Value::Type::Object:
      w.StartObject();
      for (const auto& [k, e] : v.asObject()) {
        w.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
        writeJson(e, w);
      }
      w.EndObject();
      break;
  }
}

}  // namespace driftless
