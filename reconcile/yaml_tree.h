#pragma once
// Internal to reconcile/: a YAML document converted once into a plain tree
// with 1-based positions, so parsed files can be cached and shared between
// threads (yaml-cpp nodes are reference counted without synchronisation).
#include <string>
#include <vector>

#include "reconcile/manifest.h"

namespace driftless::reconcile {

struct YamlKey {
  std::string text;
  int line = 0;
  int column = 0;
};

struct YamlNode {
  enum class Kind { Null, Scalar, Sequence, Map };
  Kind kind = Kind::Null;
  std::string tag;      // "!Ref", "!GetAtt", ...; "" when none
  std::string text;     // Scalar: the text as written
  bool quoted = false;  // Scalar: quoted or block scalar, always a string
  int line = 0;
  int column = 0;
  std::vector<YamlNode> items;  // Sequence elements, or Map values
  std::vector<YamlKey> keys;    // Map keys, parallel to items

  const YamlNode* get(std::string_view key) const {
    for (std::size_t i = 0; i < keys.size(); ++i)
      if (keys[i].text == key) return &items[i];
    return nullptr;
  }
  const YamlKey* keyOf(std::string_view key) const {
    for (const auto& k : keys)
      if (k.text == key) return &k;
    return nullptr;
  }
  bool isMap() const { return kind == Kind::Map; }
  bool isSequence() const { return kind == Kind::Sequence; }
  bool isScalar() const { return kind == Kind::Scalar; }
};

struct ParsedFile {
  std::string path;
  bool parsed = false;  // false: syntax error (in diagnostics)
  YamlNode root;
  std::vector<Diagnostic> diagnostics;  // syntax, duplicate keys, non-scalar keys
};

// libyaml's event parser builds the tree; yaml-cpp parses what it gives up on
// (syntax errors, anchors, non-scalar keys), so trees and messages are yaml-cpp's.
ParsedFile parseYaml(const std::string& path, const std::string& content);
// yaml-cpp alone: the reference parseYaml's trees are checked against.
ParsedFile parseYamlReference(const std::string& path, const std::string& content);

// A plain (unquoted, untagged) scalar as YAML 1.2 core schema types it:
// null, bool, int, double, else string. Quoted scalars are strings.
Value scalarValue(const YamlNode& node);

}  // namespace driftless::reconcile
