#include "providers/value.h"

#include "providers/value_json.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <functional>

#include <rapidjson/error/en.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/reader.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace driftless {

const Value* Value::find(std::string_view key) const {
  if (!isObject()) return nullptr;
  const auto& o = asObject();
  auto it = o.find(key);
  return it == o.end() ? nullptr : &it->second;
}

Value* Value::find(std::string_view key) {
  if (!isObject()) return nullptr;
  auto& o = asObject();
  auto it = o.find(key);
  return it == o.end() ? nullptr : &it->second;
}

const Value* Value::findPath(std::string_view path) const {
  const Value* cur = this;
  while (cur && !path.empty()) {
    auto dot = path.find('.');
    std::string_view part = path.substr(0, dot);
    path = dot == std::string_view::npos ? std::string_view{} : path.substr(dot + 1);
    if (cur->isObject()) {
      cur = cur->find(part);
    } else if (cur->isArray()) {
      std::size_t idx = 0;
      auto [p, ec] = std::from_chars(part.data(), part.data() + part.size(), idx);
      if (ec != std::errc{} || p != part.data() + part.size() || idx >= cur->asArray().size())
        return nullptr;
      cur = &cur->asArray()[idx];
    } else {
      return nullptr;
    }
  }
  return cur;
}

Value& Value::operator[](std::string_view key) {
  if (!isObject()) v_ = Object{};
  auto& o = asObject();
  auto it = o.find(key);
  if (it == o.end()) it = o.emplace(std::string(key), Value{}).first;
  return it->second;
}

void Value::push(Value v) {
  if (!isArray()) v_ = Array{};
  asArray().push_back(std::move(v));
}

bool Value::erase(std::string_view key) {
  if (!isObject()) return false;
  auto& o = asObject();
  auto it = o.find(key);
  if (it == o.end()) return false;
  o.erase(it);
  return true;
}

std::size_t Value::size() const {
  if (isObject()) return asObject().size();
  if (isArray()) return asArray().size();
  return 0;
}

std::string Value::scalarText() const {
  switch (type()) {
    case Type::Null:
      return "";
    case Type::Bool:
      return asBool() ? "true" : "false";
    case Type::String:
      return asString();
    case Type::Int:
      return std::to_string(asInt());
    default:
      return toJson();
  }
}

bool operator==(const Value& a, const Value& b) {
  if (a.isNumber() && b.isNumber()) {
    if (a.isInt() && b.isInt()) return a.asInt() == b.asInt();
    return a.asDouble() == b.asDouble();
  }
  return a.v_ == b.v_;
}

namespace {

// SAX handler building a Value: one pass, no intermediate DOM.
struct Builder {
  std::vector<Value> stack;
  std::vector<std::string> keys;
  Value root;
  bool outOfRange = false;
  bool tooDeep = false;
  // RapidJSON's reader recurses once per level: refuse a document nested deeper than
  // any AWS response before it can exhaust the stack (found by fuzz/response_fuzz).
  static constexpr std::size_t kMaxDepth = 256;
  bool open(Value v) {
    if (stack.size() >= kMaxDepth) {
      tooDeep = true;
      return false;
    }
    stack.push_back(std::move(v));
    return true;
  }

  bool put(Value v) {
    if (stack.empty()) {
      root = std::move(v);
    } else if (stack.back().isArray()) {
      stack.back().asArray().push_back(std::move(v));
    } else {
      stack.back().asObject().insert_or_assign(std::move(keys.back()), std::move(v));
      keys.pop_back();
    }
    return true;
  }
  bool Null() { return put(Value{}); }
  bool Bool(bool b) { return put(Value(b)); }
  bool Int(int i) { return put(Value(static_cast<std::int64_t>(i))); }
  bool Uint(unsigned u) { return put(Value(static_cast<std::int64_t>(u))); }
  bool Int64(int64_t i) { return put(Value(static_cast<std::int64_t>(i))); }
  bool Uint64(uint64_t u) {
    if (u > static_cast<uint64_t>(INT64_MAX)) return put(Value(static_cast<double>(u)));
    return put(Value(static_cast<std::int64_t>(u)));
  }
  bool Double(double d) {
    // Past DBL_MAX (e.g. "1e400") is an error, not infinity: JSON has no infinity,
    // and we could not write the value back out.
    if (!std::isfinite(d)) {
      outOfRange = true;
      return false;
    }
    return put(Value(d));
  }
  // Numbers come as their text (kParseNumbersAsStringsFlag) and are converted
  // here with std::from_chars, which rounds correctly: RapidJSON's default path
  // can move a 17-digit double by one ulp, so a value written and read back
  // differed (a state.json holding one failed its checksum as corrupt), and its
  // full-precision path has undefined behaviour on inputs like "0e95".
  bool RawNumber(const char* s, rapidjson::SizeType n, bool) {
    const char* end = s + n;
    if (std::find_if(s, end, [](char c) { return c == '.' || c == 'e' || c == 'E'; }) == end) {
      std::int64_t i = 0;
      if (auto r = std::from_chars(s, end, i); r.ec == std::errc() && r.ptr == end) return Int64(i);
    }
    double d = 0;
    auto r = std::from_chars(s, end, d);
    // Out of range: too large is an error (Double), too small reads as 0 or a
    // subnormal, as strtod gives it.
    if (r.ec == std::errc::result_out_of_range)
      d = std::strtod(std::string(s, n).c_str(), nullptr);
    else if (r.ec != std::errc() || r.ptr != end)
      return false;
    return Double(d);
  }
  bool String(const char* s, rapidjson::SizeType n, bool) { return put(Value(std::string(s, n))); }
  bool StartObject() { return open(Value::object()); }
  bool Key(const char* s, rapidjson::SizeType n, bool) {
    keys.emplace_back(s, n);
    return true;
  }
  bool EndObject(rapidjson::SizeType) {
    Value v = std::move(stack.back());
    stack.pop_back();
    return put(std::move(v));
  }
  bool StartArray() { return open(Value::array()); }
  bool EndArray(rapidjson::SizeType) { return EndObject(0); }
};

}  // namespace

std::string Value::toJson() const {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  writeJson(*this, w);
  return std::string(buf.GetString(), buf.GetSize());
}

std::string Value::toPrettyJson(int indent) const {
  rapidjson::StringBuffer buf;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buf);
  w.SetIndent(' ', static_cast<unsigned>(indent));
  writeJson(*this, w);
  return std::string(buf.GetString(), buf.GetSize());
}

Result<Value> Value::fromJson(std::string_view text) {
  Builder b;
  rapidjson::Reader reader;
  rapidjson::MemoryStream ms(text.data(), text.size());
  // Numbers as text, converted exactly by the builder (Builder::RawNumber).
  constexpr unsigned kFlags =
      rapidjson::kParseStopWhenDoneFlag | rapidjson::kParseNumbersAsStringsFlag;
  rapidjson::ParseResult r = reader.Parse<kFlags>(ms, b);
  if (!r && b.tooDeep) {
    return fail(ErrorKind::Invalid, "invalid JSON at offset " + std::to_string(r.Offset()) +
                                        ": nested more than " + std::to_string(Builder::kMaxDepth) +
                                        " levels deep");
  }
  if (!r && b.outOfRange) {
    return fail(ErrorKind::Invalid, "invalid JSON at offset " + std::to_string(r.Offset()) +
                                        ": number too big for a double");
  }
  if (!r) {
    return fail(ErrorKind::Invalid, std::string("invalid JSON at offset ") +
                                        std::to_string(r.Offset()) + ": " +
                                        rapidjson::GetParseError_En(r.Code()));
  }
  // Anything but whitespace after the document is an error.
  for (std::size_t i = ms.Tell(); i < text.size(); ++i) {
    char c = text[i];
    if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
      return fail(ErrorKind::Invalid,
                  "invalid JSON at offset " + std::to_string(i) + ": trailing characters");
    }
  }
  return std::move(b.root);
}

std::size_t Value::hash() const {
  std::size_t h = std::hash<int>{}(isNumber() ? 2 : static_cast<int>(type()));
  auto mix = [&h](std::size_t x) { h ^= x + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2); };
  switch (type()) {
    case Type::Null:
      break;
    case Type::Bool:
      mix(asBool());
      break;
    case Type::Int:
      mix(std::hash<double>{}(static_cast<double>(asInt())));
      break;
    case Type::Double:
      mix(std::hash<double>{}(asDouble()));
      break;
    case Type::String:
      mix(std::hash<std::string>{}(asString()));
      break;
    case Type::Array:
      for (const auto& e : asArray())
        mix(e.hash());
      break;
    case Type::Object:
      for (const auto& [k, e] : asObject()) {
        mix(std::hash<std::string>{}(k));
        mix(e.hash());
      }
      break;
  }
  return h;
}

std::string_view toString(Value::Type type) {
  switch (type) {
    case Value::Type::Null:
      return "null";
    case Value::Type::Bool:
      return "boolean";
    case Value::Type::Int:
      return "integer";
    case Value::Type::Double:
      return "number";
    case Value::Type::String:
      return "string";
    case Value::Type::Array:
      return "list";
    case Value::Type::Object:
      return "map";
  }
  return "unknown";
}

}  // namespace driftless
