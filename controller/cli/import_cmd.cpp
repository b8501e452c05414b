// `driftless import TYPE PHYSICAL_ID --config FILE --env NAME [--stack S --logical-id L]`:
// reads a live resource and prints the manifest that adopts it (CloudFormation
// property names, `Metadata.driftless.adopt: true`), like CloudFormation's IaC
// generator, so an unmanaged resource can be brought under git.
#include <algorithm>
#include <memory>
#include <sstream>

#include "controller/cli/commands.h"
#include "controller/cycle.h"
#include "controller/oneshot.h"

namespace driftless::cli {

namespace {

// A scalar as YAML reads it back unchanged (JSON scalars are YAML flow scalars).
std::string scalar(const Value& v) {
  return v.toJson();
}

void emit(std::ostream& out, const Value& v, int indent);

void emitMember(std::ostream& out, const std::string& key, const Value& v, int indent) {
  out << std::string(static_cast<std::size_t>(indent), ' ') << key << ":";
  if ((v.isObject() && !v.asObject().empty()) || (v.isArray() && !v.asArray().empty())) {
    out << "\n";
    emit(out, v, indent + 2);
  } else {
    out << " " << (v.isObject() ? "{}" : v.isArray() ? "[]" : scalar(v)) << "\n";
  }
}

void emit(std::ostream& out, const Value& v, int indent) {
  const std::string pad(static_cast<std::size_t>(indent), ' ');
  if (v.isObject()) {
    for (const auto& [k, m] : v.asObject())
      emitMember(out, k, m, indent);
  } else if (v.isArray()) {
    for (const auto& e : v.asArray()) {
      if (e.isObject() && !e.asObject().empty()) {
        std::ostringstream inner;
        emit(inner, e, indent + 2);
        std::string text = inner.str();
        out << pad << "- " << text.substr(static_cast<std::size_t>(indent) + 2);
      } else {
        out << pad << "- " << scalar(e) << "\n";
      }
    }
  } else {
    out << pad << scalar(v) << "\n";
  }
}

// The name a provider looks a resource up by: the last part of a URL or ARN.
std::string nameOf(const std::string& id) {
  if (id.find("://") != std::string::npos) return id.substr(id.find_last_of('/') + 1);
  if (id.starts_with("arn:")) {
    auto colon = id.find_last_of(':');
    std::string last = id.substr(colon + 1);
    if (auto slash = last.find('/'); slash != std::string::npos) last = last.substr(slash + 1);
    return last;
  }
  return id;
}

// A scalar as the manifest would write it: AWS answers some numbers and booleans
// as strings (SQS attributes); the manifest gets 45, not "45".
Value typed(const PropertySpec& spec, const Value& v) {
  if (!v.isString()) return v;
  const std::string& s = v.asString();
  if (spec.kind == PropertySpec::Kind::Boolean && (s == "true" || s == "false"))
    return Value(s == "true");
  if (spec.kind == PropertySpec::Kind::Integer && !s.empty() && s.size() < 19 &&
      std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return Value(static_cast<std::int64_t>(std::stoll(s)));
  return v;
}

// What of the live resource goes into the manifest: the properties its type
// declares, without driftless's own tags or AWS's, and never a secret.
Value manifestProperties(const TypeInfo& info, const Observed& live) {
  Value out = Value::object();
  for (const auto& spec : info.properties) {
    const Value* v = live.properties.find(spec.name);
    if (!v || v->isNull() || spec.secret) continue;
    if (spec.kind == PropertySpec::Kind::Tags && v->isArray()) {
      Value tags = Value::array();
      for (const auto& t : v->asArray()) {
        const Value* k = t.find("Key");
        if (k && k->isString() &&
            (k->asString().starts_with("driftless:") || k->asString().starts_with("aws:")))
          continue;
        tags.push(t);
      }
      if (!tags.asArray().empty()) out[spec.name] = std::move(tags);
      continue;
    }
    out[spec.name] = typed(spec, *v);
  }
  return out;
}

}  // namespace

Runner addImportCommand(CLI::App& app) {
  struct Options {
    std::string config, env, type, physicalId, stack = "imported", logicalId;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "import", "Print the manifest YAML that adopts a live resource (commit it to manage it)");
  cmd->add_option("type", o->type, "the CloudFormation type, e.g. AWS::SQS::Queue")->required();
  cmd->add_option("physical-id", o->physicalId, "its name, URL or ARN")->required();
  cmd->add_option("--config", o->config, "the controller config (YAML)")->required();
  cmd->add_option("--env", o->env, "the environment whose AWS account and region to read")
      ->required();
  cmd->add_option("--stack", o->stack, "the stack (file name) it would go to");
  cmd->add_option("--logical-id", o->logicalId, "its logical id (default: from its name)");
  return [o](Context& ctx) {
    auto config = loadConfigOrReport(o->config, ctx);
    if (!config) return 1;
    return controller::runOneShot(
        "import", *config, {o->env}, false, ctx.err,
        [&](controller::Runtime& rt) -> Awaitable<int> {
          auto& env = *rt.environment(o->env);
          const TypeInfo* info = rt.registry().info(o->type);
          if (!info) {
            ctx.err << "driftless import: " << o->type << " is not a type driftless manages\n";
            co_return 1;
          }
          if (auto ready = co_await controller::prepareProviders(rt, env); !ready) {
            ctx.err << "driftless import: " << ready.error().message << "\n";
            co_return 1;
          }
          std::string logical = o->logicalId;
          if (logical.empty())
            for (char c : nameOf(o->physicalId))
              if (std::isalnum(static_cast<unsigned char>(c))) logical += c;
          Desired d;
          d.id = ResourceId{o->stack, logical};
          d.type = o->type;
          d.physicalId = o->physicalId;
          if (!info->physicalNameProperty.empty())
            d.properties[info->physicalNameProperty] = nameOf(o->physicalId);
          auto live = co_await env.providers->get(o->type)->observe(d);
          if (!live) {
            ctx.err << "driftless import: " << o->physicalId << ": " << live.error().describe()
                    << "\n";
            co_return 1;
          }
          if (!live->exists) {
            ctx.err << "driftless import: " << o->type << " " << o->physicalId
                    << " does not exist in " << env.config.region << "\n";
            co_return 1;
          }
          std::ostringstream yaml;
          yaml << "# " << o->stack << ".yaml: adopts " << o->physicalId << " (driftless import)\n"
               << "Resources:\n  " << logical << ":\n    Type: " << o->type << "\n"
               << "    Metadata:\n      driftless:\n        adopt: true\n";
          Value props = manifestProperties(*info, *live);
          if (!props.asObject().empty()) {
            yaml << "    Properties:\n";
            emit(yaml, props, 6);
          }
          ctx.out << yaml.str();
          co_return 0;
        });
  };
}

}  // namespace driftless::cli
