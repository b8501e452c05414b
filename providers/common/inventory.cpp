#include "providers/common/inventory.h"

#include <algorithm>
#include <functional>
#include <map>
#include <mutex>

#include "providers/aws/pagination.h"

namespace driftless::common {

namespace {

using Vars = std::vector<std::pair<std::string, std::string>>;
using Call = InventoryCall;

std::vector<std::string> split(std::string_view path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t dot = path.find('.', start);
    if (dot == std::string_view::npos) dot = path.size();
    parts.emplace_back(path.substr(start, dot - start));
    start = dot + 1;
  }
  return parts;
}

bool anySet(const Value& item, const std::vector<std::string>& fields) {
  return std::any_of(fields.begin(), fields.end(), [&](const std::string& f) {
    const Value* v = item.find(f);
    return v && !v->isNull() && !(v->isString() && v->asString().empty());
  });
}

void jsonItems(const Value& page, const Call& call, const Inventory& inv,
               std::vector<std::string>& out) {
  const Value* list = page.findPath(call.items);
  if (!list || !list->isArray()) return;
  for (const auto& item : list->asArray()) {
    if (item.isObject() && anySet(item, inv.skipIfSet)) continue;
    const Value* v = call.field.empty() ? &item : item.find(call.field);
    if (v && v->isString() && !v->asString().empty()) out.push_back(v->asString());
  }
}

// Every element at `parts[at..]` below `node`, through every element of each
// step (DescribeInstances: reservationSet.item.instancesSet.item).
void xmlItems(pugi::xml_node node, const std::vector<std::string>& parts, std::size_t at,
              const Call& call, std::vector<std::string>& out) {
  for (auto item : node.children(parts[at].c_str())) {
    if (at + 1 < parts.size()) {
      xmlItems(item, parts, at + 1, call, out);
      continue;
    }
    std::string v = call.field.empty() ? item.text().as_string()
                                       : item.child(call.field.c_str()).text().as_string();
    if (!v.empty()) out.push_back(std::move(v));
  }
}

void xmlItems(pugi::xml_node node, const Call& call, std::vector<std::string>& out) {
  xmlItems(node, split(call.items), 0, call, out);
}

Vars parentVars(const std::string& parent) {
  return {{"parent", parent}};
}

// REST calls (Lambda, Scheduler: JSON; S3: XML), page by page.
Awaitable<Result<std::vector<std::string>>> restCall(aws::Client& aws, const std::string& service,
                                                     const Call& call, const Inventory& inv,
                                                     const std::string& parent) {
  std::vector<std::string> out;
  const Vars vars = parentVars(parent);
  std::string token;
  do {
    aws::RestRequest req;
    req.path = expandTemplate(call.path, vars);
    req.operation = call.operation;
    for (const auto& [k, v] : call.params)
      req.query.emplace_back(k, expandTemplate(v, vars));
    if (!token.empty()) req.query.emplace_back(call.tokenIn, token);
    auto r = co_await aws.rest(service, std::move(req));
    if (!r) co_return fail(std::move(r.error()));
    token.clear();
    if (call.protocol == Call::Protocol::RestXml) {
      pugi::xml_document doc;
      if (!doc.load_string(r->body.c_str()))
        co_return fail(ErrorKind::Transient, call.operation + ": unreadable XML response");
      xmlItems(doc.document_element(), call, out);
      if (!call.tokenOut.empty())
        token = doc.document_element().child(call.tokenOut.c_str()).text().as_string();
      continue;
    }
    auto page = Value::fromJson(r->body);
    if (!page) co_return fail(ErrorKind::Transient, call.operation + ": unreadable JSON response");
    jsonItems(*page, call, inv, out);
    if (const Value* next = call.tokenOut.empty() ? nullptr : page->find(call.tokenOut);
        next && next->isString())
      token = next->asString();
  } while (!token.empty());
  co_return out;
}

// One call of the chain, for one parent item ("" for the first call).
Awaitable<Result<std::vector<std::string>>> runCall(aws::Client& aws, const std::string& service,
                                                    const Call& call, const Inventory& inv,
                                                    const std::string& parent) {
  if (call.protocol == Call::Protocol::RestJson || call.protocol == Call::Protocol::RestXml)
    co_return co_await restCall(aws, service, call, inv, parent);
  const Vars vars = parentVars(parent);
  std::vector<std::string> out;
  Result<int> pages = 0;
  // By-value arguments moved from named locals (GCC 12: no temporaries built
  // inside a co_await operand).
  std::string svc = service, operation = call.operation;
  std::string tokenIn = call.tokenIn, tokenOut = call.tokenOut;
  if (call.protocol == Call::Protocol::Query) {
    aws::Params params;
    for (const auto& [k, v] : call.params)
      params.emplace_back(k, expandTemplate(v, vars));
    std::function<bool(const aws::Xml&)> onPage = [&](const aws::Xml& page) {
      xmlItems(page.result, call, out);
      return true;
    };
    pages =
        co_await aws::forEachQueryPage(aws, std::move(svc), std::move(operation), std::move(params),
                                       std::move(tokenIn), std::move(onPage));
  } else {
    Value body = Value::object();
    for (const auto& [k, v] : call.params)
      body[k] = expandTemplate(v, vars);
    std::function<bool(const Value&)> onPage = [&](const Value& page) {
      jsonItems(page, call, inv, out);
      return true;
    };
    pages =
        co_await aws::forEachJsonPage(aws, std::move(svc), std::move(operation), std::move(body),
                                      std::move(tokenOut), std::move(onPage), std::move(tokenIn));
  }
  if (!pages) co_return fail(std::move(pages.error()));
  co_return out;
}

std::string serviceOf(const std::string& service, const Inventory& inv) {
  return inv.service.empty() ? service : inv.service;
}

struct Table {
  std::mutex mu;
  std::map<std::string, Inventory, std::less<>> byType;
};

Table& table() {
  static Table t;
  return t;
}

bool skipped(const Inventory& inv, std::string_view arn) {
  return std::any_of(inv.skipContaining.begin(), inv.skipContaining.end(),
                     [&](const std::string& s) { return arn.find(s) != std::string_view::npos; }) ||
         std::any_of(inv.skipEnding.begin(), inv.skipEnding.end(),
                     [&](const std::string& s) { return arn.ends_with(s); });
}

}  // namespace

std::string expandTemplate(std::string_view tmpl, const Vars& vars) {
  std::string out;
  for (std::size_t i = 0; i < tmpl.size();) {
    if (tmpl[i] == '{') {
      std::size_t close = tmpl.find('}', i);
      if (close != std::string_view::npos) {
        std::string_view name = tmpl.substr(i + 1, close - i - 1);
        auto it = std::find_if(vars.begin(), vars.end(),
                               [&](const auto& kv) { return kv.first == name; });
        if (it != vars.end()) {
          out += it->second;
          i = close + 1;
          continue;
        }
      }
    }
    out += tmpl[i++];
  }
  return out;
}

std::string lastPart(std::string_view value) {
  std::size_t cut = value.find_last_of("/:");
  return std::string(cut == std::string_view::npos ? value : value.substr(cut + 1));
}

const Inventory* inventoryOf(std::string_view type) {
  std::lock_guard lock(table().mu);
  auto it = table().byType.find(type);
  return it == table().byType.end() ? nullptr : &it->second;
}

void registerInventory(const std::string& type, Inventory inventory) {
  std::lock_guard lock(table().mu);
  table().byType.try_emplace(type, std::move(inventory));  // entries never change once made
}

Awaitable<Result<std::vector<std::string>>> listInventory(aws::Client& aws,
                                                          const ProviderContext& ctx,
                                                          const std::string& typeService,
                                                          const Inventory& inv) {
  const std::string service = serviceOf(typeService, inv);
  std::vector<std::string> names{""};  // the parents of the next call; one empty for the first
  for (const auto& call : inv.calls) {
    std::vector<std::string> next;
    for (const auto& parent : names) {
      const std::string parentName = lastPart(parent);
      auto listed = co_await runCall(aws, service, call, inv, parentName);
      if (!listed) co_return fail(std::move(listed.error()));
      next.insert(next.end(), listed->begin(), listed->end());
    }
    names = std::move(next);
  }
  if (inv.calls.empty()) names.clear();
  std::vector<std::string> arns;
  for (const auto& value : names) {
    std::string path = value.starts_with("/") ? value.substr(1) : value;
    const Vars vars{{"partition", ctx.partition}, {"region", ctx.region},
                    {"account", ctx.accountId},   {"value", value},
                    {"last", lastPart(value)},    {"path", std::move(path)}};
    std::string arn = inv.arn.empty() ? value : expandTemplate(inv.arn, vars);
    if (!skipped(inv, arn)) arns.push_back(std::move(arn));
  }
  co_return arns;
}

Awaitable<Result<bool>> inventorySkips(aws::Client& aws, const std::string& typeService,
                                       const Inventory& inv, const std::string& arn) {
  const InventoryCheck& check = inv.check;
  if (check.operation.empty()) co_return false;
  const Vars vars{{"value", arn}, {"last", lastPart(arn)}};
  const std::string id = expandTemplate(check.from, vars);
  const std::string service = serviceOf(typeService, inv);
  std::vector<std::string> values;
  if (!inv.calls.empty() && inv.calls.front().protocol == Call::Protocol::Query) {
    // "Tags.member.Key": the Key of every <member> of <Tags>
    const std::size_t dot = check.path.rfind('.');
    Call at;
    at.items = check.path.substr(0, dot);
    at.field = dot == std::string::npos ? "" : check.path.substr(dot + 1);
    aws::Params params{{check.param, id}};
    auto r = co_await aws.query(service, check.operation, std::move(params));
    if (!r) co_return fail(std::move(r.error()));
    xmlItems(r->result, at, values);
  } else {
    Value body = Value::object();
    body[check.param] = id;
    auto r = co_await aws.json(service, check.operation, body);
    if (!r) co_return fail(std::move(r.error()));
    if (const Value* v = r->findPath(check.path); v && v->isString())
      values.push_back(v->asString());
  }
  co_return std::any_of(values.begin(), values.end(), [&](const std::string& v) {
    return std::find(check.skipValues.begin(), check.skipValues.end(), v) != check.skipValues.end();
  });
}

}  // namespace driftless::common
