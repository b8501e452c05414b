#pragma once
// How two parses of one YAML text are compared: parseYaml (libyaml's events)
// against parseYamlReference (yaml-cpp). Shared by fuzz/manifest_fuzz.cpp and
// tests/reconcile/yaml_tree_test.cpp.
#include <string>

#include "reconcile/yaml_tree.h"

namespace driftless::reconcile::yamldiff {

// The first difference between two trees, as "path: what", or "".
inline std::string diff(const YamlNode& a, const YamlNode& b, const std::string& at) {
  auto where = [&](const std::string& what) { return at + ": " + what; };
  if (a.kind != b.kind)
    return where("kind " + std::to_string(int(a.kind)) + " vs " + std::to_string(int(b.kind)));
  if (a.tag != b.tag) return where("tag '" + a.tag + "' vs '" + b.tag + "'");
  if (a.text != b.text) return where("text '" + a.text + "' vs '" + b.text + "'");
  if (a.quoted != b.quoted) return where("quoted");
  if (a.line != b.line || a.column != b.column)
    return where("mark " + std::to_string(a.line) + ":" + std::to_string(a.column) + " vs " +
                 std::to_string(b.line) + ":" + std::to_string(b.column));
  if (a.keys.size() != b.keys.size() || a.items.size() != b.items.size())
    return where("size " + std::to_string(a.items.size()) + " vs " +
                 std::to_string(b.items.size()));
  for (std::size_t i = 0; i < a.keys.size(); ++i) {
    const YamlKey& ka = a.keys[i];
    const YamlKey& kb = b.keys[i];
    if (ka.text != kb.text || ka.line != kb.line || ka.column != kb.column)
      return where("key " + ka.text + "@" + std::to_string(ka.line) + ":" +
                   std::to_string(ka.column) + " vs " + kb.text + "@" + std::to_string(kb.line) +
                   ":" + std::to_string(kb.column));
  }
  for (std::size_t i = 0; i < a.items.size(); ++i) {
    std::string sub = at + "/" + (i < a.keys.size() ? a.keys[i].text : std::to_string(i));
    if (auto d = diff(a.items[i], b.items[i], sub); !d.empty()) return d;
  }
  return "";
}

inline std::string messages(const ParsedFile& f) {
  std::string out;
  for (const auto& d : f.diagnostics)
    out += d.str() + "\n";
  return out;
}

// The first difference between two parses of one file (parsed or not, the
// messages, the trees), or "".
inline std::string compare(const ParsedFile& fast, const ParsedFile& ref) {
  if (fast.parsed != ref.parsed) return fast.path + ": parsed differs";
  if (messages(fast) != messages(ref))
    return fast.path + ": messages\n" + messages(fast) + "vs\n" + messages(ref);
  return diff(fast.root, ref.root, fast.path);
}

// A tree as indented text, for a report of a difference.
inline void render(const YamlNode& n, int indent, std::string& out) {
  static const char* const kinds[] = {"null", "scalar", "seq", "map"};
  out += std::string(indent, ' ') + kinds[int(n.kind)] + " @" + std::to_string(n.line) + ":" +
         std::to_string(n.column);
  if (!n.tag.empty()) out += " tag=" + n.tag;
  if (n.kind == YamlNode::Kind::Scalar) out += (n.quoted ? " quoted '" : " '") + n.text + "'";
  out += "\n";
  for (std::size_t i = 0; i < n.items.size(); ++i) {
    if (i < n.keys.size())
      out += std::string(indent + 2, ' ') + "key '" + n.keys[i].text + "' @" +
             std::to_string(n.keys[i].line) + ":" + std::to_string(n.keys[i].column) + "\n";
    render(n.items[i], indent + 4, out);
  }
}

inline std::string render(const ParsedFile& f) {
  std::string out = f.parsed ? "parsed\n" : "not parsed\n";
  out += messages(f);
  render(f.root, 0, out);
  return out;
}

}  // namespace driftless::reconcile::yamldiff
