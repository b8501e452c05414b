#include "providers/glue/crawler.h"

#include "providers/common/validate.h"

#include "providers/glue/schema.h"
#include "providers/glue/tagged.h"

namespace driftless::glue {

namespace {

// What GetCrawler answers that the manifest may manage, under the same names.
constexpr std::string_view kCrawlerFields[] = {"Role",
                                               "Targets",
                                               "DatabaseName",
                                               "Description",
                                               "Classifiers",
                                               "Configuration",
                                               "CrawlerSecurityConfiguration",
                                               "RecrawlPolicy",
                                               "SchemaChangePolicy",
                                               "TablePrefix",
                                               "Schedule",
                                               "LakeFormationConfiguration"};
// The manifest's definition in the API's shape: the schedule as its
// expression, the configuration as JSON text, the Lake Formation flag a boolean.
Value apiShape(const Value& fields) {
  Value out = fields;
  if (const Value* s = fields.find("Schedule")) {
    const Value* e = s->find("ScheduleExpression");
    out["Schedule"] = Value(e ? e->scalarText() : "");
  }
  if (const Value* c = fields.find("Configuration"); c && !c->isString())
    out["Configuration"] = Value(c->toJson());
  if (auto use = common::boolLike(
          fields.findPath("LakeFormationConfiguration.UseLakeFormationCredentials")))
    out["LakeFormationConfiguration"]["UseLakeFormationCredentials"] = Value(*use);
  return out;
}

class CrawlerProvider final : public TaggedProvider {
 public:
  explicit CrawlerProvider(ProviderContext ctx)
      : TaggedProvider(std::move(ctx), crawlerTypeInfo(),
                       {.arnKind = "crawler",
                        .createOp = "CreateCrawler",
                        .updateOp = "UpdateCrawler",
                        .getOp = "GetCrawler",
                        .deleteOp = "DeleteCrawler",
                        .nameField = "Name",
                        .item = "Crawler",
                        .fields = kCrawlerFields}) {}

 protected:
  Value definition(const Desired& d) const override { return apiShape(requestFields(d, {})); }
  // UpdateCrawler: the definition and the name (fields not sent stay as they are).
  Value updateBody(const Desired& d, const std::string& name) const override {
    Value body = definition(d);
    body["Name"] = Value(name);
    return body;
  }

  // GetCrawler's Schedule {ScheduleExpression, State}: the expression is managed.
  void reshape(Observed& o) const override {
    Value* s = o.properties.find("Schedule");
    if (!s) return;
    const Value* e = s->find("ScheduleExpression");
    Value schedule = Value::object();
    if (e && e->isString()) schedule["ScheduleExpression"] = *e;
    *s = schedule;
  }
};

}  // namespace

const common::MakeProvider makeCrawlerProvider = common::make<CrawlerProvider>;

}  // namespace driftless::glue
