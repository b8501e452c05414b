#include "providers/lambda/function_listing.h"

#include "providers/aws/client.h"
#include "providers/common/errors.h"

namespace driftless::lambda {

namespace {

constexpr std::size_t kFunctionsPerPage = 50;  // ListFunctions' MaxItems at most

Awaitable<Result<common::ListedPage>> functionsPage(const ProviderContext& ctx,
                                                    const std::string& marker) {
  aws::RestRequest req;
  req.operation = "ListFunctions";
  req.path = "/2015-03-31/functions/";
  req.query.emplace_back("MaxItems", std::to_string(kFunctionsPerPage));
  if (!marker.empty()) req.query.emplace_back("Marker", marker);
  auto r = co_await ctx.aws->rest("lambda", std::move(req));
  if (!r) co_return fail(common::withContext(r.error(), "lambda:ListFunctions", "functions"));
  auto v = Value::fromJson(r->body);
  co_return common::jsonPage(v ? &*v : nullptr, "Functions", "NextMarker", "lambda:ListFunctions");
}

}  // namespace

common::BulkSource functionListing(const ProviderContext& ctx) {
  const ProviderContext* c = &ctx;
  return common::listingOf("AWS::Lambda::Function", "lambda:functions", kFunctionsPerPage,
                           "FunctionName",
                           [c](const std::string& marker) { return functionsPage(*c, marker); });
}

bool listedIsEnough(const Properties& desired, const Value& configuration) {
  const Value* package = configuration.find("PackageType");
  if (package && package->scalarText() == "Image") return false;
  return !desired.find("ReservedConcurrentExecutions");
}

}  // namespace driftless::lambda
