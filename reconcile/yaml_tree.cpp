#include "reconcile/yaml_tree.h"

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <set>

namespace driftless::reconcile {

namespace {

constexpr int kMaxDepth = 200;

void convert(const YAML::Node& in, YamlNode& out, ParsedFile& file, int depth) {
  const YAML::Mark mark = in.Mark();
  out.line = mark.is_null() ? 0 : mark.line + 1;
  out.column = mark.is_null() ? 0 : mark.column + 1;
  const std::string& tag = in.Tag();
  if (tag.size() > 1 && tag[0] == '!') out.tag = tag;
  if (depth > kMaxDepth) {
    file.diagnostics.push_back({file.path, out.line, out.column, "YAML nesting too deep"});
    return;
  }
  switch (in.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      out.kind = YamlNode::Kind::Null;
      // `!Ref` with nothing after it is a null with a tag: keep it as an empty scalar.
      if (!out.tag.empty()) out.kind = YamlNode::Kind::Scalar;
      break;
    case YAML::NodeType::Scalar:
      out.kind = YamlNode::Kind::Scalar;
      out.text = in.Scalar();
      out.quoted = tag == "!" || tag == "tag:yaml.org,2002:str";
      break;
    case YAML::NodeType::Sequence:
      out.kind = YamlNode::Kind::Sequence;
      out.items.reserve(in.size());
      for (const auto& e : in) {
        out.items.emplace_back();
        convert(e, out.items.back(), file, depth + 1);
      }
      break;
    case YAML::NodeType::Map: {
      out.kind = YamlNode::Kind::Map;
      // Exact sizes: the trees stay in the parse cache between cycles (26 MiB at
      // 10,000 resources), where growth by doubling left up to half of a map unused.
      out.keys.reserve(in.size());
      out.items.reserve(in.size());
      std::set<std::string> seen;
      for (const auto& kv : in) {
        const YAML::Mark km = kv.first.Mark();
        YamlKey key{"", km.is_null() ? out.line : km.line + 1,
                    km.is_null() ? out.column : km.column + 1};
        if (!kv.first.IsScalar()) {
          file.diagnostics.push_back({file.path, key.line, key.column, "map keys must be scalars"});
          continue;
        }
        key.text = kv.first.Scalar();
        if (!seen.insert(key.text).second) {
          file.diagnostics.push_back(
              {file.path, key.line, key.column, "duplicate key '" + key.text + "'"});
          continue;
        }
        out.keys.push_back(std::move(key));
        out.items.emplace_back();
        convert(kv.second, out.items.back(), file, depth + 1);
      }
      break;
    }
  }
}

bool isInt(std::string_view s) {
  std::size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
  if (i >= s.size()) return false;
  for (; i < s.size(); ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

bool isFloat(std::string_view s) {
  std::size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
  bool digits = false, dot = false;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c >= '0' && c <= '9') {
      digits = true;
    } else if (c == '.' && !dot) {
      dot = true;
    } else if ((c == 'e' || c == 'E') && digits) {
      std::string_view rest = s.substr(i + 1);
      return isInt(rest);
    } else {
      return false;
    }
  }
  return digits && dot;
}

// Line breaks as YAML wants them: CRLF and a lone CR (old Mac editors) become
// LF, and a UTF-8 byte order mark is dropped, so no CR leaks into a value.
std::string normalizeText(const std::string& content) {
  std::string_view in = content;
  if (in.starts_with("\xEF\xBB\xBF")) in.remove_prefix(3);
  if (in.find('\r') == std::string_view::npos) return std::string(in);
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '\r') {
      out += in[i];
    } else {
      out += '\n';
      if (i + 1 < in.size() && in[i + 1] == '\n') ++i;
    }
  }
  return out;
}

}  // namespace

ParsedFile parseYaml(const std::string& path, const std::string& content) {
  ParsedFile file;
  file.path = path;
  try {
    YAML::Node doc = YAML::Load(normalizeText(content));
    convert(doc, file.root, file, 0);
    file.parsed = true;
  } catch (const YAML::Exception& e) {
    int line = e.mark.is_null() ? 0 : e.mark.line + 1;
    int column = e.mark.is_null() ? 0 : e.mark.column + 1;
    file.diagnostics.push_back({path, line, column, "YAML syntax error: " + e.msg});
  }
  return file;
}

Value scalarValue(const YamlNode& node) {
  if (node.kind == YamlNode::Kind::Null) return Value();
  const std::string& s = node.text;
  if (node.quoted) return Value(s);
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return Value();
  if (s == "true" || s == "True" || s == "TRUE") return Value(true);
  if (s == "false" || s == "False" || s == "FALSE") return Value(false);
  if (isInt(s)) {
    std::int64_t v = 0;
    std::string_view digits = s[0] == '+' ? std::string_view(s).substr(1) : std::string_view(s);
    auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
    if (ec == std::errc() && p == digits.data() + digits.size()) return Value(v);
    return Value(s);  // out of range: keep the text
  }
  if (isFloat(s)) {
    try {
      return Value(std::stod(s));
    } catch (...) {
      return Value(s);
    }
  }
  return Value(s);
}

}  // namespace driftless::reconcile
