#include "providers/common/owned.h"

#include "providers/aws/client.h"

namespace driftless::common {

Value tagFilter(std::string_view key, const std::string& value) {
  Value f = Value::object();
  f["Key"] = Value(std::string(key));
  Value values = Value::array();
  values.push(Value(value));
  f["Values"] = std::move(values);
  return f;
}

Awaitable<Result<std::vector<std::string>>> ownedArns(const ProviderContext& ctx,
                                                      std::string_view resourceType,
                                                      const ResourceId& id) {
  Value filters = Value::array();
  filters.push(tagFilter(kTagController, ctx.controllerId));
  filters.push(tagFilter(kTagEnvironment, ctx.environment));
  filters.push(tagFilter(kTagStack, id.stack));
  filters.push(tagFilter(kTagLogicalId, id.logicalId));
  Value types = Value::array();
  types.push(Value(std::string(resourceType)));
  std::vector<std::string> arns;
  std::string token;
  do {
    Value body = Value::object();
    body["TagFilters"] = filters;
    body["ResourceTypeFilters"] = types;
    if (!token.empty()) body["PaginationToken"] = Value(token);
    auto page = co_await ctx.aws->json("tagging", "GetResources", body);
    if (!page) co_return std::unexpected(page.error());
    if (const Value* list = page->find("ResourceTagMappingList"); list && list->isArray())
      for (const auto& m : list->asArray())
        if (const Value* arn = m.find("ResourceARN"); arn && arn->isString())
          arns.push_back(arn->asString());
    const Value* next = page->find("PaginationToken");
    token = next && next->isString() ? next->asString() : "";
  } while (!token.empty());
  co_return arns;
}

}  // namespace driftless::common
