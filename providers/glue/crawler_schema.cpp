#include <string>

#include "providers/common/cfn_schema.h"
#include "providers/common/declared.h"
#include "providers/common/schema.h"
#include "providers/common/validate.h"
#include "providers/glue/schema.h"

namespace driftless::glue {

namespace {

constexpr std::string_view kTargetKinds[] = {"S3Targets",   "CatalogTargets", "DynamoDBTargets",
                                             "JdbcTargets", "MongoDBTargets", "DeltaTargets",
                                             "HudiTargets", "IcebergTargets"};

}  // namespace

std::vector<std::string> validateCrawler(const Properties& props) {
  std::vector<std::string> out;
  if (auto name = common::stringLike(props.find("Name"));
      name && (name->empty() || name->size() > 255))
    out.push_back("Name: must be 1 to 255 characters");
  if (const Value* t = props.find("Targets"); t && t->isObject()) {
    bool any = false;
    for (auto k : kTargetKinds)
      if (const Value* list = t->find(k); list && list->size() > 0) any = true;
    if (!any) out.push_back("Targets: the crawler needs at least one target");
  }
  if (auto s = common::stringLike(props.findPath("Schedule.ScheduleExpression"));
      s && !(s->starts_with("cron(") && s->ends_with(")")))
    out.push_back("Schedule.ScheduleExpression: \"" + *s + "\" must be cron(...)");
  if (auto db = common::stringLike(props.find("DatabaseName")); db && !catalogNameOk(*db))
    out.push_back("DatabaseName: \"" + *db + "\" " + std::string(kCatalogNameRule));
  return out;
}

TypeInfo crawlerTypeInfo() {
  TypeInfo t = common::declared(kCrawlerType, validateCrawler);
  // CloudFormation writes Glue tags as a {key: value} map (the database: JSON).
  common::at(t.properties, "Tags") = PropertySpec::map("Tags", PropertySpec::string(""));
  return t;
}

}  // namespace driftless::glue
