#include "controller/aws_events.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "providers/aws/user_agent.h"

namespace driftless::controller {

namespace {

std::string text(const Value& obj, std::string_view key) {
  const Value* v = obj.find(key);
  return v && v->isString() ? v->asString() : std::string();
}

Error invalid(const std::string& why) {
  return Error::make(ErrorKind::Invalid, "change event: " + why);
}

bool isReadName(std::string_view name) {
  for (std::string_view prefix : {"Get", "List", "Describe", "Head", "Lookup", "BatchGet"})
    if (name.starts_with(prefix) && name.size() > prefix.size() &&
        std::isupper(static_cast<unsigned char>(name[prefix.size()])))
      return true;
  return false;
}

// "UpdateFunctionCode20150331v2" matches "UpdateFunctionCode": CloudTrail names
// Lambda's calls with the API version they were made with.
bool nameMatches(std::string_view eventName, std::string_view rule) {
  if (!eventName.starts_with(rule)) return false;
  std::string_view rest = eventName.substr(rule.size());
  if (rest.empty()) return true;
  std::size_t digits = 0;
  while (digits < rest.size() && std::isdigit(static_cast<unsigned char>(rest[digits])))
    ++digits;
  if (digits != 8) return false;
  rest.remove_prefix(8);
  if (rest.empty()) return true;
  if (rest.front() != 'v') return false;
  rest.remove_prefix(1);
  return !rest.empty() && std::all_of(rest.begin(), rest.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c));
  });
}

// "role/{requestParameters.roleName}/{requestParameters.policyName}": the
// dotted paths' scalar values in place; nullopt when one is absent.
std::optional<std::string> rendered(const Value& detail, std::string_view path) {
  std::string out;
  for (std::size_t i = 0; i < path.size();) {
    std::size_t open = path.find('{', i);
    out += path.substr(i, open - i);
    if (open == std::string_view::npos) break;
    std::size_t close = path.find('}', open);
    if (close == std::string_view::npos) return std::nullopt;
    const Value* v = detail.findPath(path.substr(open + 1, close - open - 1));
    if (!v || !(v->isString() || v->isNumber()) || v->scalarText().empty()) return std::nullopt;
    out += v->scalarText();
    i = close + 1;
  }
  return out;
}

// The string values at a dotted path ("requestParameters.names" may be a list),
// or of a template of them (see ChangeEventRule::identityPaths).
void valuesAt(const Value& detail, std::string_view path, std::vector<std::string>& out) {
  if (path.find('{') != std::string_view::npos) {
    if (auto name = rendered(detail, path)) out.push_back(std::move(*name));
    return;
  }
  const Value* v = detail.findPath(path);
  if (!v) return;
  if (v->isString()) {
    out.push_back(v->asString());
  } else if (v->isArray()) {
    for (const auto& e : v->asArray())
      if (e.isString()) out.push_back(e.asString());
  }
}

// The names a recorded identity is also known by in events: each part of a
// joined id ("fn|statement", a policy's "queue-url|queue-url"), and an ARN's
// resource ("function:resize:3", "resize:3", "resize"), so an event naming a
// function and a qualifier finds its version or alias.
void arnNames(const std::string& name, std::vector<std::string>& out) {
  if (!name.starts_with("arn:")) return;
  std::vector<std::size_t> colons;
  for (std::size_t i = 0; i < name.size(); ++i)
    if (name[i] == ':') colons.push_back(i);
  if (colons.size() >= 5) out.push_back(name.substr(colons[4] + 1));
  if (colons.size() >= 6) out.push_back(name.substr(colons[5] + 1));
  if (colons.size() >= 7) out.push_back(name.substr(colons[5] + 1, colons[6] - colons[5] - 1));
}

void alsoKnownAs(const std::string& name, std::vector<std::string>& out) {
  out.push_back(name);
  arnNames(name, out);
  if (name.find('|') == std::string::npos) return;
  std::size_t start = 0;
  while (start <= name.size()) {
    std::size_t bar = std::min(name.find('|', start), name.size());
    if (bar > start) {
      std::string part = name.substr(start, bar - start);
      arnNames(part, out);
      out.push_back(std::move(part));
    }
    start = bar + 1;
  }
}

std::string key(std::string_view type, std::string_view name) {
  std::string k(type);
  k += '|';
  k += normalizeIdentity(name);
  return k;
}

}  // namespace

Value ChangeEvent::cause() const {
  Value c = Value::object();
  c["principal"] = principal;
  c["eventName"] = eventName;
  c["eventTime"] = eventTime;
  c["sourceIPAddress"] = sourceIp;
  c["userAgent"] = userAgent;
  return c;
}

Result<ChangeEvent> parseChangeEvent(std::string_view body) {
  auto parsed = Value::fromJson(body);
  if (!parsed) return std::unexpected(invalid("not JSON (" + parsed.error().message + ")"));
  const Value& v = *parsed;
  if (!v.isObject()) return std::unexpected(invalid("not a JSON object"));
  const Value* detail = v.find("detail");
  if (!detail || !detail->isObject())
    return std::unexpected(invalid("no \"detail\" object (not an EventBridge event)"));
  ChangeEvent e;
  e.id = text(v, "id");
  e.source = text(v, "source");
  e.eventSource = text(*detail, "eventSource");
  e.eventName = text(*detail, "eventName");
  if (e.eventSource.empty() || e.eventName.empty())
    return std::unexpected(
        invalid("detail has no eventSource/eventName (not a CloudTrail record)"));
  e.eventTime = text(*detail, "eventTime");
  if (e.eventTime.empty()) e.eventTime = text(v, "time");
  if (const Value* who = detail->find("userIdentity"); who && who->isObject())
    e.principal = text(*who, "arn");
  e.sourceIp = text(*detail, "sourceIPAddress");
  e.userAgent = text(*detail, "userAgent");
  const Value* ro = detail->find("readOnly");
  e.readOnly = ro && ro->isBool() ? ro->asBool() : isReadName(e.eventName);
  e.detail = *detail;
  return e;
}

std::string_view toString(EventVerdict verdict) {
  switch (verdict) {
    case EventVerdict::Matched:
      return "matched";
    case EventVerdict::Own:
      return "own";
    case EventVerdict::ReadOnly:
      return "read_only";
    case EventVerdict::Unmanaged:
      return "unmanaged";
    case EventVerdict::Invalid:
      return "invalid";
  }
  return "invalid";
}

std::string normalizeIdentity(std::string_view name) {
  std::string_view n = name;
  if (auto scheme = n.find("://"); scheme != std::string_view::npos && scheme < 8) {
    std::string_view rest = n.substr(scheme + 3);
    auto slash = rest.find('/');
    return "url:" + std::string(slash == std::string_view::npos ? "/" : rest.substr(slash));
  }
  if (n.starts_with("arn:") && n.ends_with(":*")) n.remove_suffix(2);
  return std::string(n);
}

void ResourceIndex::rebuild(const std::string& environment, const state::EnvironmentState& st) {
  remove(environment);
  if (!enabled_) return;
  for (const auto& [stackName, stack] : st.stacks) {
    for (const auto& [logicalId, r] : stack.resources) {
      EventTarget t{environment, ResourceId{stackName, logicalId}, r.type};
      std::vector<std::string> names;
      if (!r.physicalId.empty()) alsoKnownAs(r.physicalId, names);
      if (r.attributes.isObject())
        for (const auto& [attr, value] : r.attributes.asObject())
          if (value.isString() && !value.asString().empty()) alsoKnownAs(value.asString(), names);
      std::sort(names.begin(), names.end());
      names.erase(std::unique(names.begin(), names.end()), names.end());
      for (const auto& n : names)
        byName_.emplace(key(r.type, n), t);
    }
  }
}

void ResourceIndex::remove(const std::string& environment) {
  std::erase_if(byName_,
                [&](const auto& entry) { return entry.second.environment == environment; });
}

std::vector<EventTarget> ResourceIndex::find(std::string_view type, std::string_view name) const {
  std::vector<EventTarget> out;
  auto [first, last] = byName_.equal_range(key(type, name));
  for (auto it = first; it != last; ++it)
    out.push_back(it->second);
  return out;
}

Classified classify(const ChangeEvent& event, const Registry& registry, const ResourceIndex& index,
                    const ClassifyOptions& options) {
  Classified out;
  if (event.userAgent.find(aws::kUserAgentProduct) != std::string::npos ||
      (options.ignoreOwnPrincipal && !event.principal.empty() &&
       std::find(options.ownPrincipals.begin(), options.ownPrincipals.end(), event.principal) !=
           options.ownPrincipals.end())) {
    out.verdict = EventVerdict::Own;
    return out;
  }
  if (event.readOnly) {
    out.verdict = EventVerdict::ReadOnly;
    return out;
  }
  for (const auto& type : registry.types()) {
    const TypeInfo* info = registry.info(type);
    for (const auto& rule : info->changeEvents) {
      if (rule.eventSource != event.eventSource) continue;
      bool named =
          std::any_of(rule.eventNames.begin(), rule.eventNames.end(),
                      [&](const std::string& n) { return nameMatches(event.eventName, n); });
      if (!named) continue;
      std::vector<std::string> names;
      for (const auto& path : rule.identityPaths)
        valuesAt(event.detail, path, names);
      for (const auto& n : names)
        for (auto& t : index.find(type, n))
          out.targets.push_back(std::move(t));
    }
  }
  auto byKey = [](const EventTarget& a, const EventTarget& b) {
    return std::tie(a.environment, a.id) < std::tie(b.environment, b.id);
  };
  std::sort(out.targets.begin(), out.targets.end(), byKey);
  out.targets.erase(std::unique(out.targets.begin(), out.targets.end(),
                                [](const EventTarget& a, const EventTarget& b) {
                                  return a.environment == b.environment && a.id == b.id;
                                }),
                    out.targets.end());
  out.verdict = out.targets.empty() ? EventVerdict::Unmanaged : EventVerdict::Matched;
  return out;
}

}  // namespace driftless::controller
