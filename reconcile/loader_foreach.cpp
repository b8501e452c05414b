// Fn::ForEach (Transform: AWS::LanguageExtensions): a loop written as a map key
//   Fn::ForEach::Name: [Identifier, Collection, {OutputKey: OutputValue}]
// expands, before anything else reads the section, into one OutputKey per
// member of Collection, with ${Identifier} and &{Identifier} (non-alphanumerics
// dropped) replaced in the keys and in Fn::Sub strings, and `Ref: Identifier`
// replaced by the member; a Fn::Sub left with nothing to substitute becomes
// its plain string. Loops nest; they may stand in Resources, in a
// resource's properties, in Conditions and in Outputs. The copies keep the
// template's line and column, so errors point at the loop's body.
#include "reconcile/loader_internal.h"

namespace driftless::reconcile::detail {

namespace {

constexpr std::string_view kForEach = "Fn::ForEach::";

struct Binding {
  const std::string& id;
  const std::string& value;
};

void replaceAll(std::string& text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

std::string alnumOnly(const std::string& s) {
  std::string out;
  for (char c : s)
    if (std::isalnum(static_cast<unsigned char>(c))) out.push_back(c);
  return out;
}

std::string substitute(std::string text, const Binding& b) {
  replaceAll(text, "${" + b.id + "}", b.value);
  replaceAll(text, "&{" + b.id + "}", alnumOnly(b.value));
  return text;
}

bool mentions(const std::string& text, const std::string& id) {
  return text.find("${" + id + "}") != std::string::npos ||
         text.find("&{" + id + "}") != std::string::npos;
}

YamlNode scalarOf(const YamlNode& at, const std::string& text) {
  YamlNode out;
  out.kind = YamlNode::Kind::Scalar;
  out.text = text;
  out.quoted = true;
  out.line = at.line;
  out.column = at.column;
  return out;
}

// `Ref: Identifier`, long or short form.
bool refersTo(const YamlNode& n, const std::string& id) {
  if (n.isScalar()) return n.tag == "!Ref" && n.text == id;
  return n.isMap() && n.keys.size() == 1 && n.keys[0].text == "Ref" && n.items[0].isScalar() &&
         n.items[0].text == id;
}

// A Fn::Sub (short or long form) of one string that used the loop variable
// and has nothing left to substitute: the plain string, so it can stand where
// a name is expected (!GetAtt [!Sub 'Bucket${Id}', Arn]).
std::optional<std::string> settledSub(const YamlNode& node, const Binding& b) {
  const YamlNode* text = nullptr;
  if (node.isScalar() && node.tag == "!Sub") text = &node;
  if (node.isMap() && node.keys.size() == 1 && node.keys[0].text == "Fn::Sub" &&
      node.items[0].isScalar())
    text = &node.items[0];
  if (!text || !mentions(text->text, b.id)) return std::nullopt;
  std::string out = substitute(text->text, b);
  if (out.find("${") != std::string::npos) return std::nullopt;
  return out;
}

// A copy of `node` with the loop variable bound.
YamlNode bind(const YamlNode& node, const Binding& b, bool inSub) {
  if (refersTo(node, b.id)) return scalarOf(node, b.value);
  if (auto plain = settledSub(node, b)) return scalarOf(node, *plain);
  YamlNode out;
  out.kind = node.kind;
  out.tag = node.tag;
  out.quoted = node.quoted;
  out.line = node.line;
  out.column = node.column;
  bool sub = inSub || node.tag == "!Sub";
  out.text = sub && node.isScalar() ? substitute(node.text, b) : node.text;
  out.keys = node.keys;
  out.items.reserve(node.items.size());
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    bool childSub = sub;
    if (node.isMap()) {
      out.keys[i].text = substitute(node.keys[i].text, b);
      childSub = sub || node.keys[i].text == "Fn::Sub";
    }
    out.items.push_back(bind(node.items[i], b, childSub));
  }
  return out;
}

}  // namespace

bool containsForEach(const YamlNode& node) {
  for (const auto& k : node.keys)
    if (k.text.starts_with(kForEach)) return true;
  return std::any_of(node.items.begin(), node.items.end(),
                     [](const YamlNode& n) { return containsForEach(n); });
}

const YamlNode* Loader::expandSection(Stack& stack, const YamlNode* section) {
  if (!section || !containsForEach(*section)) return section;
  stack.expanded.push_back(std::make_unique<YamlNode>(expandNode(stack, *section)));
  return stack.expanded.back().get();
}

YamlNode Loader::expandNode(Stack& stack, const YamlNode& node) {
  YamlNode out;
  out.kind = node.kind;
  out.tag = node.tag;
  out.text = node.text;
  out.quoted = node.quoted;
  out.line = node.line;
  out.column = node.column;
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    if (node.isMap() && node.keys[i].text.starts_with(kForEach)) {
      expandLoop(stack, node.keys[i], node.items[i], out);
      continue;
    }
    if (node.isMap()) out.keys.push_back(node.keys[i]);
    out.items.push_back(expandNode(stack, node.items[i]));
  }
  return out;
}

std::optional<std::vector<std::string>> Loader::loopCollection(Stack& stack, const YamlKey& key,
                                                               const YamlNode& c) {
  const std::string& file = stack.file->path;
  std::vector<std::string> out;
  if (c.isSequence() && c.tag.empty()) {
    for (const auto& e : c.items) {
      if (!e.isScalar()) {
        error(file, e, key.text + ": the collection must be a list of strings");
        return std::nullopt;
      }
      out.push_back(e.text);
    }
    return out;
  }
  const YamlNode* name = c.isScalar() && c.tag == "!Ref" ? &c : nullptr;
  if (c.isMap() && c.keys.size() == 1 && c.keys[0].text == "Ref") name = &c.items[0];
  auto p = name && name->isScalar() ? stack.parameters.find(name->text) : stack.parameters.end();
  if (p == stack.parameters.end()) {
    error(file, c,
          key.text +
              ": the collection must be a list or a Ref to a list parameter "
              "(CommaDelimitedList, List<...>)");
    return std::nullopt;
  }
  if (!p->second.valid) return out;  // reported where declared (or offline, without a value)
  if (!p->second.value.isArray()) {
    error(file, c, key.text + ": parameter '" + p->first + "' is not a list");
    return std::nullopt;
  }
  for (const auto& v : p->second.value.asArray())
    out.push_back(v.scalarText());
  return out;
}

void Loader::expandLoop(Stack& stack, const YamlKey& key, const YamlNode& loop, YamlNode& out) {
  const std::string& file = stack.file->path;
  if (!stack.languageExtensions) {
    error(file, key, key.text + ": Fn::ForEach needs Transform: AWS::LanguageExtensions");
    return;
  }
  if (!loop.isSequence() || loop.items.size() != 3 || !loop.items[0].isScalar() ||
      !loop.items[2].isMap()) {
    error(file, key, key.text + ": expected [Identifier, Collection, {OutputKey: OutputValue}]");
    return;
  }
  const std::string& id = loop.items[0].text;
  if (!isAlnum(id) || stack.parameters.count(id)) {
    error(file, loop.items[0],
          key.text + ": the identifier '" + id +
              "' must be alphanumeric and not the name of a parameter");
    return;
  }
  const YamlNode& body = loop.items[2];
  for (const auto& k : body.keys)
    if (!k.text.starts_with(kForEach) && !mentions(k.text, id)) {
      error(file, k,
            key.text + ": the output key '" + k.text + "' must use ${" + id + "} or &{" + id + "}");
      return;
    }
  auto collection = loopCollection(stack, key, loop.items[1]);
  if (!collection) return;
  for (const auto& member : *collection) {
    YamlNode one = expandNode(stack, bind(body, Binding{id, member}, false));
    for (std::size_t i = 0; i < one.keys.size(); ++i) {
      if (out.get(one.keys[i].text)) {
        error(file, key, key.text + ": '" + one.keys[i].text + "' is produced twice");
        continue;
      }
      out.keys.push_back(std::move(one.keys[i]));
      out.items.push_back(std::move(one.items[i]));
    }
  }
}

}  // namespace driftless::reconcile::detail
