#include "providers/ssm/parameter_listing.h"

#include "providers/aws/client.h"
#include "providers/common/errors.h"

namespace driftless::ssm {

namespace {

constexpr std::size_t kNamesPerGet = 10;       // GetParameters' Names at most
constexpr std::size_t kNamesPerDescribe = 50;  // a ParameterStringFilter's Values at most

Value namesList(const std::vector<std::string>& names) {
  Value out = Value::array();
  for (const auto& n : names)
    out.push(Value(n));
  return out;
}

Awaitable<Result<common::ListedPage>> valuesPage(const ProviderContext& ctx,
                                                 const std::vector<std::string>& names) {
  Value body = Value::object();
  body["Names"] = namesList(names);
  body["WithDecryption"] = Value(false);
  auto r = co_await ctx.aws->json("ssm", "GetParameters", body);
  if (!r) co_return fail(common::withContext(r.error(), "ssm:GetParameters", "parameters"));
  const Value* list = r->find("Parameters");
  if (!list || !list->isArray())
    co_return fail(ErrorKind::Transient, "ssm:GetParameters: unreadable answer");
  co_return common::ListedPage{.items = list->asArray(), .next = {}};
}

// One filter's names, through every page DescribeParameters makes of them
// (AWS: one for 50 names with MaxResults 50; moto pages by 10 whatever asked).
Awaitable<Result<common::ListedPage>> metadataPage(const ProviderContext& ctx,
                                                   const std::vector<std::string>& names) {
  Value filter = Value::object();
  filter["Key"] = Value("Name");
  filter["Option"] = Value("Equals");
  filter["Values"] = namesList(names);
  Value filters = Value::array();
  filters.push(std::move(filter));
  common::ListedPage page;
  std::string token;
  for (int n = 0; n < 100; ++n) {
    Value body = Value::object();
    body["ParameterFilters"] = filters;
    body["MaxResults"] = Value(static_cast<std::int64_t>(kNamesPerDescribe));
    if (!token.empty()) body["NextToken"] = Value(token);
    auto r = co_await ctx.aws->json("ssm", "DescribeParameters", body);
    if (!r) co_return fail(common::withContext(r.error(), "ssm:DescribeParameters", "parameters"));
    if (const Value* list = r->find("Parameters"); list && list->isArray())
      for (const auto& item : list->asArray())
        page.items.push_back(item);
    const Value* next = r->find("NextToken");
    if (!next || !next->isString() || next->asString().empty()) co_return page;
    token = next->asString();
  }
  co_return fail(ErrorKind::Transient, "ssm:DescribeParameters: pages without end");
}

// Pages of `pageSize` of the observation's parameter names, read by `page`.
common::BulkSource byNames(const ProviderContext& ctx, std::string scope, std::size_t pageSize,
                           Awaitable<Result<common::ListedPage>> (*page)(
                               const ProviderContext&, const std::vector<std::string>&)) {
  common::BulkSource source{.type = "AWS::SSM::Parameter",
                            .scope = std::move(scope),
                            .pageSize = pageSize,
                            .byIds = true};
  const ProviderContext* c = &ctx;
  source.page = [c, page](const std::string&, const std::vector<std::string>& names) {
    return page(*c, names);
  };
  source.idOf = common::idField("Name");
  return source;
}

}  // namespace

common::BulkSource parameterValues(const ProviderContext& ctx) {
  return byNames(ctx, "ssm:GetParameters", kNamesPerGet, valuesPage);
}

common::BulkSource parameterMetadata(const ProviderContext& ctx) {
  return byNames(ctx, "ssm:DescribeParameters", kNamesPerDescribe, metadataPage);
}

}  // namespace driftless::ssm
