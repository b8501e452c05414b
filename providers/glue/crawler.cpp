#include "providers/glue/crawler.h"

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
                                               "Schedule"};
constexpr std::string_view kNotSent[] = {"Name", "Tags"};
constexpr std::span<const std::string_view> kNoMaps{};

// The manifest's definition in the API's shape: the schedule as its
// expression, the configuration as JSON text.
Value definition(const Value& fields) {
  Value out = fields;
  if (const Value* s = fields.find("Schedule")) {
    const Value* e = s->find("ScheduleExpression");
    out["Schedule"] = Value(e ? e->scalarText() : "");
  }
  if (const Value* c = fields.find("Configuration"); c && !c->isString())
    out["Configuration"] = Value(c->toJson());
  return out;
}

class CrawlerProvider final : public TaggedProvider {
 public:
  explicit CrawlerProvider(ProviderContext ctx)
      : TaggedProvider(std::move(ctx), crawlerTypeInfo(),
                       {.arnKind = "crawler",
                        .getOp = "GetCrawler",
                        .deleteOp = "DeleteCrawler",
                        .nameField = "Name",
                        .item = "Crawler",
                        .fields = kCrawlerFields}) {}

  Awaitable<Result<Observed>> create(const Desired& desired) override {
    Value body = definition(requestFields(desired, kNotSent, kNoMaps));
    body["Name"] = Value(name(desired));
    body["Tags"] = createTags(desired);
    auto r = co_await call("CreateCrawler", body);
    if (!r) co_return fail(r.error());
    co_return co_await read(name(desired));
  }

  Awaitable<Result<Observed>> update(const Desired& desired, const Observed& live,
                                     const Delta& delta) override {
    if (!delta.onlyAt({"Tags"})) {
      Value body = definition(requestFields(desired, kNotSent, kNoMaps));
      body["Name"] = Value(name(desired, live));
      auto r = co_await call("UpdateCrawler", body);
      if (!r) co_return fail(r.error());
    }
    co_return co_await finishUpdate(desired, live, delta);
  }

 private:
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

std::unique_ptr<Provider> makeCrawlerProvider(const ProviderContext& ctx) {
  return std::make_unique<CrawlerProvider>(ctx);
}

}  // namespace driftless::glue
