#include <string>

#include "providers/common/validate.h"
#include "providers/glue/schema.h"

namespace driftless::glue {

using P = PropertySpec;

namespace {

constexpr std::string_view kTargetKinds[] = {"S3Targets",   "CatalogTargets", "DynamoDBTargets",
                                             "JdbcTargets", "MongoDBTargets", "DeltaTargets",
                                             "HudiTargets", "IcebergTargets"};

PropertySpec strings(std::string name) {
  return P::list(std::move(name), P::string(""));
}

PropertySpec targets() {
  const PropertySpec events[] = {P::string("EventQueueArn"), P::string("DlqEventQueueArn")};
  return P::object(
      "Targets",
      {P::list("S3Targets",
               P::object("", {P::string("Path"), strings("Exclusions"), P::string("ConnectionName"),
                              P::integer("SampleSize"), events[0], events[1]})),
       P::list("CatalogTargets",
               P::object("", {P::string("DatabaseName"), strings("Tables"),
                              P::string("ConnectionName"), events[0], events[1]})),
       P::list("DynamoDBTargets",
               P::object("", {P::string("Path"), P::boolean("ScanAll"), P::number("ScanRate")})),
       P::list("JdbcTargets",
               P::object("", {P::string("ConnectionName"), P::string("Path"), strings("Exclusions"),
                              strings("EnableAdditionalMetadata")})),
       P::list("MongoDBTargets", P::object("", {P::string("ConnectionName"), P::string("Path")})),
       P::list("DeltaTargets",
               P::object("", {P::string("ConnectionName"), strings("DeltaTables"),
                              P::boolean("WriteManifest"), P::boolean("CreateNativeDeltaTable")})),
       P::list("HudiTargets",
               P::object("", {P::string("ConnectionName"), strings("Paths"), strings("Exclusions"),
                              P::integer("MaximumTraversalDepth")})),
       P::list("IcebergTargets",
               P::object("", {P::string("ConnectionName"), strings("Paths"), strings("Exclusions"),
                              P::integer("MaximumTraversalDepth")}))});
}

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
  TypeInfo t;
  t.type = std::string(kCrawlerType);
  t.service = "glue";
  t.physicalNameProperty = "Name";
  t.refAttribute = "";  // Ref = the crawler name
  t.getAttributes = {};
  t.properties = {
      P::string("Name").immut(),
      P::string("Role").req(),
      targets().req(),
      P::string("DatabaseName"),
      P::string("Description"),
      strings("Classifiers"),
      // A JSON document written as a string; compared as JSON.
      P::json("Configuration"),
      P::string("CrawlerSecurityConfiguration"),
      P::object("RecrawlPolicy",
                {P::string("RecrawlBehavior")
                     .oneOf({"CRAWL_EVERYTHING", "CRAWL_NEW_FOLDERS_ONLY", "CRAWL_EVENT_MODE"})}),
      P::object("Schedule", {P::string("ScheduleExpression")}),
      P::object("SchemaChangePolicy", {P::string("UpdateBehavior"), P::string("DeleteBehavior")}),
      P::string("TablePrefix"),
      // Crawl with Lake Formation's credentials instead of the role's.
      P::object("LakeFormationConfiguration",
                {P::boolean("UseLakeFormationCredentials"), P::string("AccountId")}),
      // CloudFormation writes Glue tags as a {key: value} map.
      P::map("Tags", P::string("")),
  };
  t.iamActions = {"glue:CreateCrawler", "glue:GetCrawler", "glue:UpdateCrawler",
                  "glue:DeleteCrawler", "glue:GetTags",    "glue:TagResource",
                  "glue:UntagResource", "iam:PassRole"};
  t.validate = validateCrawler;
  return t;
}

}  // namespace driftless::glue
