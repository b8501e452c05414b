#include "reconcile/plan_render.h"

#include "reconcile/intrinsics.h"
#include "reconcile/property_paths.h"

namespace driftless::reconcile {

namespace {

constexpr std::string_view kKnownAfterApply = "(known after apply)";
constexpr std::string_view kSecret = "(secret)";

// Unresolved intrinsics replaced by the marker string, for display.
Value displayable(const Value& v) {
  if (!hasUnresolved(v)) return v;
  if (v.isArray()) {
    Value out = Value::array();
    for (const auto& e : v.asArray())
      out.push(displayable(e));
    return out;
  }
  if (v.isObject()) {
    if (v.size() == 1) {
      const auto& key = v.asObject().begin()->first;
      if (key == "Ref" || key.starts_with("Fn::")) return Value(kKnownAfterApply);
    }
    Value out = Value::object();
    for (const auto& [k, e] : v.asObject())
      out[k] = displayable(e);
    return out;
  }
  return v;
}

std::string render(const Value& v, bool secret) {
  if (secret) return std::string(kSecret);
  return renderValue(v);
}

// A live value as AWS returned it, shown like the desired one when only the
// representation differs (SQS returns "5" for 5).
std::string renderLive(const Value& live, const std::optional<Value>& desired, bool secret) {
  if (!secret && desired && live.isString() && (desired->isNumber() || desired->isBool())) {
    const std::string& s = live.asString();
    bool numeric = !s.empty() && s.find_first_not_of("-+.0123456789eE") == std::string::npos;
    if (numeric || s == "true" || s == "false") return s;
  }
  return render(live, secret);
}

const char* headline(const Action& a) {
  switch (a.kind) {
    case ActionKind::Create:
      return "will be created";
    case ActionKind::Update:
      return "will be updated in place";
    case ActionKind::Replace:
      return "must be replaced";
    case ActionKind::Delete:
      return "will be deleted";
    case ActionKind::Release:
      return "will be released (DeletionPolicy: Retain): forgotten by driftless, left in AWS";
    case ActionKind::Conflict:
      return "is in conflict";
    case ActionKind::Transitional:
      return "is changing in AWS";
    case ActionKind::Unobserved:
      return "could not be observed";
    case ActionKind::Noop:
      return "is unchanged";
  }
  return "";
}

const char* symbol(ActionKind kind) {
  switch (kind) {
    case ActionKind::Create:
      return "  +";
    case ActionKind::Update:
      return "  ~";
    case ActionKind::Replace:
      return "-/+";
    case ActionKind::Delete:
      return "  -";
    case ActionKind::Release:
      return "  -";
    case ActionKind::Conflict:
      return "  !";
    case ActionKind::Transitional:
      return "  …";
    case ActionKind::Unobserved:
      return "  ?";
    case ActionKind::Noop:
      return "   ";
  }
  return "   ";
}

std::string plural(std::size_t n, const char* word) {
  return std::to_string(n) + " " + word;
}

}  // namespace

std::string renderValue(const Value& v) {
  Value shown = displayable(v);
  if (shown.isString()) {
    if (shown.asString() == kKnownAfterApply) return std::string(kKnownAfterApply);
    return shown.toJson();  // quoted and escaped
  }
  return shown.toJson();
}

std::string renderText(const Plan& plan) {
  std::string out;
  out += "driftless plan for environment " + (plan.environment.empty() ? "-" : plan.environment) +
         " at commit " + (plan.commit.empty() ? "-" : plan.commit) + "\n";
  if (!plan.refusal.empty()) out += "\nError: " + plan.refusal + "\n";
  bool any = false;
  for (const auto& a : plan.actions) {
    if (a.kind == ActionKind::Noop && !a.drifted()) continue;
    any = true;
    out += "\n  # " + a.id.str() + " (" + a.type + ") " + headline(a);
    if (a.drifted()) out += " [drift]";
    out += "\n";
    out += std::string(symbol(a.kind)) + " " + a.id.str();
    if (!a.physicalId.empty()) out += "  " + a.physicalId;
    if (a.generatedName && a.kind == ActionKind::Create) out += " (generated)";
    out += "\n";
    if (a.kind == ActionKind::Create) {
      if (a.cause == Cause::Drift) out += "      (managed resource is missing in AWS)\n";
      for (const auto& [name, v] : a.desired.properties.asObject()) {
        bool secret = secretAt(a.secretPaths, a.info, name);
        Value shown = secret ? Value(kSecret) : maskSecrets(v, name, a.secretPaths, a.info);
        out +=
            "      + " + name + ": " + (secret ? std::string(kSecret) : renderValue(shown)) + "\n";
      }
    }
    for (const auto& d : a.differences) {
      std::string note;
      if (d.cause == Cause::Drift) note += " (drift)";
      if (d.immutable) note += " (forces replacement)";
      if (d.path == kOwnershipPath) {
        out += "      + ownership tags (" +
               (d.desired && d.desired->isString() ? d.desired->asString() : "adopt") + ")\n";
        continue;
      }
      if (d.live && d.desired) {
        out += "      ~ " + d.path + ": " + renderLive(*d.live, d.desired, d.secret) + " → " +
               render(*d.desired, d.secret) + note + "\n";
      } else if (d.desired) {
        out += "      + " + d.path + ": " + render(*d.desired, d.secret) + note + "\n";
      } else if (d.live) {
        out += "      - " + d.path + ": " + render(*d.live, d.secret) + note + "\n";
      }
    }
    if (!a.blockedReason.empty()) {
      out += (a.executes() ? "      " : "      not applied: ") + a.blockedReason + "\n";
    }
  }
  const PlanSummary& s = plan.summary;
  if (!any) {
    out += "\nNo changes. Live resources match the manifests (" +
           plural(plan.actions.size(), "resources") + ").\n";
    return out;
  }
  out += "\nPlan: " + plural(s.create, "to create") + ", " + plural(s.update, "to update") + ", " +
         plural(s.replace, "to replace") + ", " + plural(s.remove, "to delete") + "; " +
         plural(s.drifted, "drifted");
  if (s.release) out += "; " + plural(s.release, "to release");
  if (s.conflict) out += "; " + plural(s.conflict, s.conflict == 1 ? "conflict" : "conflicts");
  if (s.blocked) out += "; " + plural(s.blocked, "not applied");
  if (s.transitional) out += "; " + plural(s.transitional, "changing in AWS");
  if (s.unobserved) out += "; " + plural(s.unobserved, "not observed");
  out += ".\n";
  if (!plan.refusal.empty()) out += "Nothing will be applied: the plan is refused.\n";
  return out;
}

Value renderJson(const Plan& plan) {
  Value out = Value::object();
  out["formatVersion"] = Value(1);
  out["environment"] = Value(plan.environment);
  out["commit"] = Value(plan.commit);
  out["refusal"] = plan.refusal.empty() ? Value() : Value(plan.refusal);
  out["hasChangesOrDrift"] = Value(plan.hasChangesOrDrift());
  const PlanSummary& s = plan.summary;
  Value summary = Value::object();
  auto count = [](std::size_t n) { return Value(static_cast<std::int64_t>(n)); };
  summary["create"] = count(s.create);
  summary["update"] = count(s.update);
  summary["replace"] = count(s.replace);
  summary["delete"] = count(s.remove);
  summary["release"] = count(s.release);
  summary["conflict"] = count(s.conflict);
  summary["noop"] = count(s.noop);
  summary["transitional"] = count(s.transitional);
  summary["unobserved"] = count(s.unobserved);
  summary["drifted"] = count(s.drifted);
  summary["blocked"] = count(s.blocked);
  out["summary"] = std::move(summary);
  Value waves = Value::array();
  for (const auto& w : plan.waves) {
    Value ids = Value::array();
    for (std::size_t i : w)
      ids.push(Value(plan.actions[i].id.str()));
    waves.push(std::move(ids));
  }
  out["waves"] = std::move(waves);
  Value actions = Value::array();
  for (const auto& a : plan.actions) {
    Value j = Value::object();
    j["id"] = Value(a.id.str());
    j["stack"] = Value(a.id.stack);
    j["logicalId"] = Value(a.id.logicalId);
    j["type"] = Value(a.type);
    j["physicalId"] = a.physicalId.empty() ? Value() : Value(a.physicalId);
    j["action"] = Value(toString(a.kind));
    j["cause"] = Value(toString(a.cause));
    j["drifted"] = Value(a.drifted());
    j["executes"] = Value(a.executes());
    j["blockedReason"] = a.blockedReason.empty() ? Value() : Value(a.blockedReason);
    j["wave"] = a.wave < 0 ? Value() : Value(a.wave);
    j["deletionPolicy"] = Value(a.deletionPolicy);
    Value deps = Value::array();
    for (const auto& d : a.dependencies)
      deps.push(Value(d.str()));
    j["dependencies"] = std::move(deps);
    Value changes = Value::array();
    for (const auto& d : a.differences) {
      Value c = Value::object();
      c["path"] = Value(d.path);
      if (d.live) c["before"] = d.secret ? Value(kSecret) : displayable(*d.live);
      if (d.desired) c["after"] = d.secret ? Value(kSecret) : displayable(*d.desired);
      c["afterKnown"] = Value(!d.desired || !hasUnresolved(*d.desired));
      c["cause"] = Value(toString(d.cause));
      c["forcesReplacement"] = Value(d.immutable);
      c["secret"] = Value(d.secret);
      changes.push(std::move(c));
    }
    j["changes"] = std::move(changes);
    if (a.kind == ActionKind::Create || a.kind == ActionKind::Replace)
      j["properties"] = displayable(maskSecrets(a.desired.properties, "", a.secretPaths, a.info));
    actions.push(std::move(j));
  }
  out["actions"] = std::move(actions);
  return out;
}

}  // namespace driftless::reconcile
