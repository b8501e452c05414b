#include "reconcile/yaml_tree.h"

#include <yaml-cpp/yaml.h>
#include <yaml.h>

#include <algorithm>
#include <charconv>
#include <memory>
#include <optional>
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

ParsedFile parseWithYamlCpp(const std::string& path, const std::string& text) {
  ParsedFile file;
  file.path = path;
  try {
    YAML::Node doc = YAML::Load(text);
    convert(doc, file.root, file, 0);
    file.parsed = true;
  } catch (const YAML::Exception& e) {
    int line = e.mark.is_null() ? 0 : e.mark.line + 1;
    int column = e.mark.is_null() ? 0 : e.mark.column + 1;
    file.diagnostics.push_back({path, line, column, "YAML syntax error: " + e.msg});
  }
  return file;
}

// The same tree from libyaml's events, several times faster than yaml-cpp's
// node graph (a tenth of a no-op plan's CPU went to YAML::Load). It gives up
// (nullopt), and yaml-cpp parses instead, on anything whose tree or message
// could differ: a syntax error (yaml-cpp's messages are the documented ones),
// anchors and aliases, a key that is not a scalar, nesting past kMaxDepth, more
// than one document, and the corners fuzz/manifest_fuzz.cpp found where the two
// differ (noted where each is tested), some of them yaml-cpp departing from YAML.
class EventBuilder {
 public:
  EventBuilder(const std::string& path, const std::string& text) : text_(text) {
    file_.path = path;
    lineStarts_.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') lineStarts_.push_back(i + 1);
  }

  std::optional<ParsedFile> run() {
    // libyaml skips a byte order mark at the start of any line; yaml-cpp
    // reads one past the first (which normalizeText drops) as text
    if (text_.find("\xEF\xBB\xBF") != std::string::npos) return std::nullopt;
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) return std::nullopt;
    yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text_.data()),
                                 text_.size());
    bool ok = true;
    bool documentEnd = false;
    for (bool more = true; more && ok;) {
      yaml_event_t ev;
      if (!yaml_parser_parse(&parser, &ev)) {
        ok = false;
        break;
      }
      documentEnd = ev.type == YAML_DOCUMENT_END_EVENT;
      more = ev.type != YAML_STREAM_END_EVENT && !documentEnd;
      ok = handle(ev);
      yaml_event_delete(&ev);
    }
    // yaml-cpp reads the first document only, but its scanner runs ahead into
    // what follows and can fail there: anything after the first document
    // (another document, or a syntax error) goes to yaml-cpp.
    if (ok && documentEnd) ok = atStreamEnd(parser);
    yaml_parser_delete(&parser);
    if (!ok || !stack_.empty()) return std::nullopt;
    file_.parsed = true;
    return std::move(file_);
  }

 private:
  struct Frame {
    YamlNode* node;
    bool expectKey = true;       // Map: the next scalar is a key
    bool flow = false;           // written [...] or {...}
    std::set<std::string> seen;  // Map: its keys, once it has more than kScanKeys
  };

  static bool atStreamEnd(yaml_parser_t& parser) {
    yaml_event_t ev;
    if (!yaml_parser_parse(&parser, &ev)) return false;
    const bool end = ev.type == YAML_STREAM_END_EVENT;
    yaml_event_delete(&ev);
    return end;
  }

  // 1-based line and byte column, as yaml-cpp counts them (libyaml counts
  // characters).
  void place(int& line, int& column, const yaml_mark_t& m) const {
    line = static_cast<int>(m.line) + 1;
    std::size_t start = m.line < lineStarts_.size() ? lineStarts_[m.line] : text_.size();
    column = static_cast<int>(offset(m) - start) + 1;
  }

  // A mark's byte offset in the text (libyaml's index counts characters).
  std::size_t offset(const yaml_mark_t& m) const {
    std::size_t at = m.line < lineStarts_.size() ? lineStarts_[m.line] : text_.size();
    for (std::size_t chars = 0; chars < m.column && at < text_.size(); ++chars) {
      ++at;
      while (at < text_.size() && (static_cast<unsigned char>(text_[at]) & 0xC0) == 0x80)
        ++at;
    }
    return at;
  }

  // Where the next value goes: the root, a sequence's new element, or the
  // value of the key just read. Null when a duplicate key's value is skipped.
  YamlNode* slot() {
    if (stack_.empty()) {
      if (rootSet_) return nullptr;
      rootSet_ = true;
      return &file_.root;
    }
    YamlNode* parent = stack_.back().node;
    if (!parent) return &scratch_;
    parent->items.emplace_back();
    return &parent->items.back();
  }

  static std::string tagOf(const unsigned char* tag) {
    return tag ? std::string(reinterpret_cast<const char*>(tag)) : std::string();
  }

  // libyaml reads `!!str!x` as one tag; yaml-cpp as two ("cannot assign
  // multiple tags"), as YAML does: a `!` past a tag's handle goes to yaml-cpp.
  static bool oddTag(const unsigned char* tag) {
    return tag && std::string_view(reinterpret_cast<const char*>(tag)).find('!', 1) !=
                      std::string_view::npos;
  }

  // What libyaml accepts and yaml-cpp does not, in a value kept or skipped:
  // odd tags, tagged plain scalars of several lines, and in a flow collection
  // plain scalars of several lines and `?` inside a plain scalar or right before one (`{a?b: c}`,
  // `{?b: c}`: "unknown token"), which YAML allows.
  bool yamlCppRejects(const yaml_event_t& ev) const {
    const auto& sc = ev.data.scalar;
    if (oddTag(sc.tag)) return true;
    // yaml-cpp ends a tagged plain scalar at its first line break
    if (sc.tag && sc.style == YAML_PLAIN_SCALAR_STYLE && ev.end_mark.line != ev.start_mark.line)
      return true;
    if (stack_.empty() || !stack_.back().flow) return false;
    // a plain scalar of several lines in a flow collection: libyaml takes one
    // as a key (`{a\n\n b: c}`), yaml-cpp does not ("end of map flow not found")
    if (sc.style == YAML_PLAIN_SCALAR_STYLE && ev.end_mark.line != ev.start_mark.line) return true;
    // a `?` right before a node (`{?b: c}`)
    const std::size_t at = offset(ev.start_mark);
    if (at > 0 && text_[at - 1] == '?') return true;
    const std::string_view value(reinterpret_cast<const char*>(sc.value), sc.length);
    return sc.style == YAML_PLAIN_SCALAR_STYLE && value.find('?') != value.npos;
  }

  bool scalar(const yaml_event_t& ev) {
    const auto& sc = ev.data.scalar;
    std::string_view value(reinterpret_cast<const char*>(sc.value), sc.length);
    std::string tag = tagOf(sc.tag);
    const bool plain = sc.style == YAML_PLAIN_SCALAR_STYLE;
    if (tag.empty()) tag = plain ? "?" : "!";
    if (!stack_.empty() && stack_.back().node && stack_.back().node->kind == YamlNode::Kind::Map &&
        stack_.back().expectKey)
      return key(ev, value);
    const bool mapValue =
        !stack_.empty() && stack_.back().node && stack_.back().node->kind == YamlNode::Kind::Map;
    if (mapValue) stack_.back().expectKey = true;
    const bool empty = plain && value.empty() && ev.start_mark.index == ev.end_mark.index;
    // `? key` without `: value`: yaml-cpp places the null at the `?`
    if (empty && mapValue && !colonAfterKey(offset(ev.start_mark))) return false;
    // a tag with nothing after it at the end of the text: yaml-cpp's scanner
    // has no token left and makes it an untagged null (root) or plain scalar
    if (plain && value.empty() && sc.tag && (stack_.empty() || offset(ev.end_mark) >= text_.size()))
      return false;
    // yaml-cpp places an empty node at the next token, which in a block
    // sequence is the next entry's dash, before the node libyaml marks
    if (empty && !stack_.empty() && stack_.back().node &&
        stack_.back().node->kind == YamlNode::Kind::Sequence)
      return false;
    YamlNode* out = slot();
    if (!out) return false;
    place(out->line, out->column, ev.start_mark);
    // in a flow collection both place it at the token after it (`,` or `}`)
    if (empty && (stack_.empty() || !stack_.back().flow)) pendingEmpty_ = out;
    if (tag.size() > 1 && tag[0] == '!') out->tag = tag;
    const bool null =
        plain && tag == "?" &&
        (value.empty() || value == "~" || value == "null" || value == "Null" || value == "NULL");
    if (null) return true;  // kind Null
    out->kind = YamlNode::Kind::Scalar;
    out->text = std::string(value);
    out->quoted = tag == "!" || tag == "tag:yaml.org,2002:str";
    return true;
  }

  // Whether a `:` (outside comments) comes between the last key and `end`.
  bool colonAfterKey(std::size_t end) const {
    for (std::size_t i = offset(keyEnd_); i < end && i < text_.size(); ++i) {
      if (text_[i] == ':') return true;
      if (text_[i] == '#')
        while (i + 1 < end && text_[i + 1] != '\n')
          ++i;
    }
    return false;
  }

  bool key(const yaml_event_t& ev, std::string_view value) {
    Frame& f = stack_.back();
    f.expectKey = false;
    keyEnd_ = ev.end_mark;
    YamlKey k{std::string(value), 0, 0};
    place(k.line, k.column, ev.start_mark);
    const bool plain = ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE && !ev.data.scalar.tag;
    if (plain && value.empty()) return false;
    if (plain && (value == "~" || value == "null" || value == "Null" || value == "NULL")) {
      // yaml-cpp reads it as a null key, not a scalar one
      file_.diagnostics.push_back({file_.path, k.line, k.column, "map keys must be scalars"});
      skipNext_ = true;
      return true;
    }
    if (!firstUse(f, k.text)) {
      file_.diagnostics.push_back({file_.path, k.line, k.column, "duplicate key '" + k.text + "'"});
      skipNext_ = true;
      return true;
    }
    f.node->keys.push_back(std::move(k));
    return true;
  }

  // Whether a map's key is new: a scan of its keys while they are few (most
  // maps), a set beyond.
  static bool firstUse(Frame& f, const std::string& key) {
    static constexpr std::size_t kScanKeys = 16;
    const auto& keys = f.node->keys;
    if (keys.size() < kScanKeys)
      return std::none_of(keys.begin(), keys.end(),
                          [&](const YamlKey& k) { return k.text == key; });
    if (f.seen.empty())
      for (const auto& k : keys)
        f.seen.insert(k.text);
    return f.seen.insert(key).second;
  }

  bool open(const yaml_event_t& ev, YamlNode::Kind kind, const unsigned char* tagPtr, bool flow) {
    if (!stack_.empty() && stack_.back().node && stack_.back().node->kind == YamlNode::Kind::Map) {
      if (stack_.back().expectKey) return false;  // a key that is not a scalar
      stack_.back().expectKey = true;
    }
    if (stack_.size() >= static_cast<std::size_t>(kMaxDepth)) return false;
    YamlNode* out = nullptr;
    if (skipNext_ || (!stack_.empty() && !stack_.back().node)) {
      skipNext_ = false;
    } else {
      out = slot();
      if (!out) return false;
      place(out->line, out->column, ev.start_mark);
      std::string tag = tagOf(tagPtr);
      if (tag.size() > 1 && tag[0] == '!') out->tag = tag;
      out->kind = kind;
    }
    stack_.push_back(Frame{out});
    stack_.back().flow = flow;
    return true;
  }

  bool handle(const yaml_event_t& ev) {
    if (pendingEmpty_) {
      // at the end of a text without a final line break yaml-cpp's mark is
      // its own (the last line's start): yaml-cpp parses it
      if (!text_.ends_with('\n') && offset(ev.start_mark) >= text_.size()) return false;
      place(pendingEmpty_->line, pendingEmpty_->column, ev.start_mark);
      pendingEmpty_ = nullptr;
    }
    switch (ev.type) {
      case YAML_STREAM_START_EVENT:
      case YAML_DOCUMENT_START_EVENT:
      case YAML_DOCUMENT_END_EVENT:
      case YAML_STREAM_END_EVENT:
        return true;
      case YAML_ALIAS_EVENT:
        return false;
      case YAML_SCALAR_EVENT:
        if (ev.data.scalar.anchor || yamlCppRejects(ev)) return false;
        if (skipNext_) {
          skipNext_ = false;
          if (!stack_.empty() && stack_.back().node) stack_.back().expectKey = true;
          return true;
        }
        if (!stack_.empty() && !stack_.back().node) return true;  // inside a skipped value
        return scalar(ev);
      case YAML_SEQUENCE_START_EVENT:
        if (ev.data.sequence_start.anchor || oddTag(ev.data.sequence_start.tag)) return false;
        return open(ev, YamlNode::Kind::Sequence, ev.data.sequence_start.tag,
                    ev.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE);
      case YAML_MAPPING_START_EVENT:
        if (ev.data.mapping_start.anchor || oddTag(ev.data.mapping_start.tag)) return false;
        return open(ev, YamlNode::Kind::Map, ev.data.mapping_start.tag,
                    ev.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE);
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT:
        if (stack_.empty()) return false;
        stack_.pop_back();
        return true;
      default:
        return false;
    }
  }

  const std::string& text_;
  std::vector<std::size_t> lineStarts_;
  ParsedFile file_;
  std::vector<Frame> stack_;
  YamlNode scratch_;
  YamlNode* pendingEmpty_ = nullptr;
  yaml_mark_t keyEnd_{};  // where the last key ends
  bool rootSet_ = false;
  bool skipNext_ = false;
};

std::optional<ParsedFile> parseWithLibyaml(const std::string& path, const std::string& text) {
  return EventBuilder(path, text).run();
}

}  // namespace

ParsedFile parseYamlReference(const std::string& path, const std::string& content) {
  return parseWithYamlCpp(path, normalizeText(content));
}

ParsedFile parseYaml(const std::string& path, const std::string& content) {
  const std::string text = normalizeText(content);
  if (auto fast = parseWithLibyaml(path, text)) return std::move(*fast);
  return parseWithYamlCpp(path, text);
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
