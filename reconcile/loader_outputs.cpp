// Outputs (Value, Export, Condition, Description) and Fn::ImportValue between
// the stacks of one environment. An import makes the importing resource depend
// on the resources the export's value refers to, so the exporting stack's
// resources are created first (a wave order); stacks importing from each other
// in a circle are refused, as CloudFormation refuses them.
#include "reconcile/loader_internal.h"

namespace driftless::reconcile::detail {

void Loader::declareOutputs(Stack& stack, const YamlNode& outputs) {
  const std::string& file = stack.file->path;
  if (!outputs.isMap()) {
    error(file, outputs, "Outputs must be a mapping of name to output");
    return;
  }
  static const std::vector<std::string> kKeys = {"Value", "Description", "Export", "Condition"};
  for (std::size_t i = 0; i < outputs.keys.size(); ++i) {
    const YamlKey& k = outputs.keys[i];
    const YamlNode& n = outputs.items[i];
    Output o;
    o.name = k.text;
    o.key = {k.line, k.column};
    o.node = &n;
    Resource label = scratch("Outputs." + k.text);
    if (!isAlnum(k.text)) {
      error(file, o.key, label.logicalId + ": an output name must be alphanumeric");
      continue;
    }
    if (!n.isMap() || !n.get("Value")) {
      error(file, o.key, label.logicalId + ": an output must be a mapping with a Value");
      continue;
    }
    for (const auto& nk : n.keys)
      if (std::find(kKeys.begin(), kKeys.end(), nk.text) == kKeys.end())
        error(file, Mark{nk.line, nk.column},
              label.logicalId + ": unknown key '" + nk.text + "' (expected " + joinNames(kKeys) +
                  ")");
    if (const YamlNode* c = n.get("Condition")) {
      if (!c->isScalar()) {
        bad(stack, label, *c, "Condition must be the name of a condition");
      } else {
        auto v = condition(stack, label, c->text, *c);
        o.included = v.value_or(false);
      }
    }
    stack.outputs.emplace(k.text, std::move(o));
  }
}

void Loader::collectExports() {
  for (auto& [sname, stack] : stacks_) {
    for (auto& [oname, o] : stack.outputs) {
      const YamlNode* ex = o.included ? o.node->get("Export") : nullptr;
      if (!ex) continue;
      Resource label = scratch("Outputs." + oname);
      const YamlNode* nameNode = ex->isMap() ? ex->get("Name") : nullptr;
      if (!nameNode || ex->keys.size() != 1) {
        bad(stack, label, *ex, "Export must be {Name: ...}");
        continue;
      }
      std::size_t before = diagnostics_.size();
      Value name = eval(stack, label, *nameNode, "");
      if (diagnostics_.size() != before) continue;
      if (!name.isString() || name.asString().empty()) {
        bad(stack, label, *nameNode,
            "an export name must be a non-empty string known before apply, got " + describe(name));
        continue;
      }
      Mark at{nameNode->line, nameNode->column};
      auto [it, fresh] = exports_.emplace(name.asString(), Export{sname, oname, at});
      if (!fresh) {
        const Export& first = it->second;
        error(stack.file->path, at,
              label.logicalId + ": export " + quote(name.asString()) + " is already exported by " +
                  stacks_.at(first.stack).file->path + ":" + std::to_string(first.at.line) +
                  " (Outputs." + first.output + "); export names are unique in an environment");
        continue;
      }
      o.out.exportName = name.asString();
    }
  }
}

void Loader::evaluateOutput(Stack& stack, Output& o) {
  if (o.state == Output::State::Done) return;
  if (o.state == Output::State::Evaluating) {
    o.valid = false;  // an export whose value imports itself: reported as an import cycle
    return;
  }
  o.state = Output::State::Evaluating;
  Resource own = scratch("Outputs." + o.name);
  std::size_t before = diagnostics_.size();
  Value v = eval(stack, own, *o.node->get("Value"), "Value");
  o.state = Output::State::Done;
  if (diagnostics_.size() != before || v.isNull()) {
    o.valid = false;
    return;
  }
  o.out.stack = stack.name;
  o.out.name = o.name;
  o.out.value = qualifyReferences(v, stack.name);
  o.out.secret = !own.out.secretPaths.empty();
  if (const YamlNode* d = o.node->get("Description"); d && d->isScalar())
    o.out.description = d->text;
  o.out.file = stack.file->path;
  o.out.line = o.key.line;
}

Value Loader::importValue(Stack& stack, Resource& res, const YamlNode& a, const YamlNode& at,
                          const std::string& path) {
  Value name = eval(stack, res, a, path);
  if (name.isNull()) return Value();
  if (!name.isString())
    return bad(stack, res, at,
               "Fn::ImportValue needs an export name known before apply (not a resource's value)");
  auto it = exports_.find(name.asString());
  if (it == exports_.end())
    return bad(stack, res, at,
               "Fn::ImportValue: no stack of environment '" + ctx_.environment + "' exports " +
                   quote(name.asString()));
  Stack& from = stacks_.at(it->second.stack);
  if (&from == &stack)
    return bad(stack, res, at,
               "Fn::ImportValue " + quote(name.asString()) +
                   " is exported by this stack itself (use Ref or GetAtt)");
  stack.importsFrom.emplace(from.name, Mark{at.line, at.column});
  Output& o = from.outputs.at(it->second.output);
  evaluateOutput(from, o);
  if (!o.valid) {
    res.valid = false;
    res.failedPaths.insert(path);
    return Value();
  }
  for (const auto& [logical, attr] : unresolvedReferences(o.out.value))
    res.imported.insert(referencedId(from.name, logical));
  if (o.out.secret) res.out.secretPaths.push_back(path);
  return o.out.value;
}

void Loader::checkImportCycles() {
  enum Color { White, Grey, Black };
  std::map<std::string, Color> color;
  std::vector<std::string> path;
  std::function<void(const std::string&)> visit = [&](const std::string& name) {
    color[name] = Grey;
    path.push_back(name);
    for (const auto& [to, at] : stacks_.at(name).importsFrom) {
      if (color[to] == White) {
        visit(to);
      } else if (color[to] == Grey) {
        std::vector<std::string> cycle(std::find(path.begin(), path.end(), to), path.end());
        std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
        std::string text;
        for (const auto& s : cycle)
          text += s + " → ";
        const Stack& first = stacks_.at(cycle.front());
        const std::string& next = cycle.size() > 1 ? cycle[1] : cycle.front();
        error(first.file->path, first.importsFrom.at(next),
              "circular imports between stacks: " + text + cycle.front());
      }
    }
    path.pop_back();
    color[name] = Black;
  };
  for (const auto& [name, stack] : stacks_)
    if (color[name] == White) visit(name);
}

}  // namespace driftless::reconcile::detail
