#include "providers/dynamodb/table_model.h"

#include <algorithm>
#include <map>

#include "providers/common/attributes.h"
#include "providers/common/tags.h"
#include "providers/common/validate.h"
#include "providers/compare.h"

namespace driftless::dynamodb {

namespace {

Value intOr(const Value* v) {
  if (!v) return Value();
  if (auto i = common::asJsonInt(*v)) return *i;
  return *v;
}

Value boolOr(const Value* v) {
  if (!v) return Value();
  if (auto b = common::asJsonBool(*v)) return *b;
  return *v;
}

Value throughputRequest(const Value& t) {
  Value out = Value::object();
  out["ReadCapacityUnits"] = intOr(t.find("ReadCapacityUnits"));
  out["WriteCapacityUnits"] = intOr(t.find("WriteCapacityUnits"));
  return out;
}

bool isProvisioned(const Properties& p) {
  const Value* b = p.find("BillingMode");
  return !b || b->scalarText() == "PROVISIONED";
}

Value gsiRequest(const Value& g, bool provisioned) {
  Value out = Value::object();
  for (const char* k : {"IndexName", "KeySchema", "Projection"})
    if (const Value* v = g.find(k)) out[k] = *v;
  if (const Value* t = g.find("ProvisionedThroughput"); t && provisioned)
    out["ProvisionedThroughput"] = throughputRequest(*t);
  return out;
}

Value sortedBy(const Value& list, const char* key) {
  if (!list.isArray()) return list;
  Value out = list;
  std::stable_sort(out.asArray().begin(), out.asArray().end(), [&](const Value& a, const Value& b) {
    const Value* x = a.find(key);
    const Value* y = b.find(key);
    return (x ? x->scalarText() : "") < (y ? y->scalarText() : "");
  });
  return out;
}

std::map<std::string, Value> byIndexName(const Value* gsis) {
  std::map<std::string, Value> out;
  if (gsis && gsis->isArray())
    for (const auto& g : gsis->asArray())
      if (const Value* n = g.find("IndexName")) out[n->scalarText()] = g;
  return out;
}

Value streamRequest(bool enabled, const std::string& viewType) {
  Value s = Value::object();
  s["StreamEnabled"] = Value(enabled);
  if (enabled) s["StreamViewType"] = Value(viewType);
  return s;
}

Value sseRequest(const Value& sse) {
  Value out = Value::object();
  out["Enabled"] = boolOr(sse.find("SSEEnabled"));
  if (const Value* t = sse.find("SSEType")) out["SSEType"] = *t;
  if (const Value* k = sse.find("KMSMasterKeyId")) out["KMSMasterKeyId"] = *k;
  return out;
}

// Integer-valued table settings: the property, its two fields (JSON numbers on
// the wire), sent with CreateTable and UpdateTable and described under the same name.
struct UnitsSetting {
  const char* property;
  const char* fields[2];
};
constexpr UnitsSetting kUnitsSettings[] = {
    {"WarmThroughput", {"ReadUnitsPerSecond", "WriteUnitsPerSecond"}},
    {"OnDemandThroughput", {"MaxReadRequestUnits", "MaxWriteRequestUnits"}}};

Value unitsRequest(const UnitsSetting& setting, const Value& v) {
  Value out = Value::object();
  for (const char* k : setting.fields)
    if (const Value* x = v.find(k))
      if (auto n = common::asJsonInt(*x)) out[k] = *n;
  return out;
}

}  // namespace

Value createTableRequest(const Properties& props, const Value::Object& tags) {
  Value req = Value::object();
  bool provisioned = isProvisioned(props);
  for (const char* k :
       {"TableName", "AttributeDefinitions", "KeySchema", "BillingMode", "TableClass"})
    if (const Value* v = props.find(k)) req[k] = *v;
  if (const Value* t = props.find("ProvisionedThroughput"); t && provisioned)
    req["ProvisionedThroughput"] = throughputRequest(*t);
  if (const Value* gsis = props.find("GlobalSecondaryIndexes");
      gsis && gsis->isArray() && gsis->size() > 0) {
    Value list = Value::array();
    for (const auto& g : gsis->asArray())
      list.push(gsiRequest(g, provisioned));
    req["GlobalSecondaryIndexes"] = list;
  }
  if (const Value* lsis = props.find("LocalSecondaryIndexes");
      lsis && lsis->isArray() && lsis->size() > 0)
    req["LocalSecondaryIndexes"] = *lsis;
  if (const Value* s = props.find("StreamSpecification"))
    req["StreamSpecification"] = streamRequest(
        true, s->find("StreamViewType") ? s->find("StreamViewType")->scalarText() : "");
  if (const Value* s = props.find("SSESpecification")) req["SSESpecification"] = sseRequest(*s);
  if (const Value* d = props.find("DeletionProtectionEnabled"))
    req["DeletionProtectionEnabled"] = boolOr(d);
  for (const auto& setting : kUnitsSettings)
    if (const Value* v = props.find(setting.property))
      req[setting.property] = unitsRequest(setting, *v);
  if (!tags.empty()) req["Tags"] = common::tagList(tags);
  return req;
}

Properties fromDescription(const Value& t) {
  Properties p = Value::object();
  if (const Value* n = t.find("TableName")) p["TableName"] = *n;
  if (const Value* a = t.find("AttributeDefinitions"))
    p["AttributeDefinitions"] = sortedBy(*a, "AttributeName");
  if (const Value* k = t.find("KeySchema")) p["KeySchema"] = *k;
  const Value* bm = t.findPath("BillingModeSummary.BillingMode");
  std::string billing = bm ? bm->scalarText() : "PROVISIONED";
  p["BillingMode"] = Value(billing);
  bool provisioned = billing == "PROVISIONED";
  auto throughput = [](const Value* pt) {
    Value out = Value::object();
    if (!pt) return out;
    for (const char* k : {"ReadCapacityUnits", "WriteCapacityUnits"})
      if (const Value* v = pt->find(k)) out[k] = *v;
    return out;
  };
  if (provisioned) p["ProvisionedThroughput"] = throughput(t.find("ProvisionedThroughput"));
  Value gsis = Value::array();
  if (const Value* g = t.find("GlobalSecondaryIndexes"); g && g->isArray()) {
    for (const auto& idx : g->asArray()) {
      Value x = Value::object();
      for (const char* k : {"IndexName", "KeySchema", "Projection"})
        if (const Value* v = idx.find(k)) x[k] = *v;
      if (provisioned) x["ProvisionedThroughput"] = throughput(idx.find("ProvisionedThroughput"));
      gsis.push(std::move(x));
    }
  }
  p["GlobalSecondaryIndexes"] = sortedBy(gsis, "IndexName");
  Value lsis = Value::array();
  if (const Value* l = t.find("LocalSecondaryIndexes"); l && l->isArray()) {
    for (const auto& idx : l->asArray()) {
      Value x = Value::object();
      for (const char* k : {"IndexName", "KeySchema", "Projection"})
        if (const Value* v = idx.find(k)) x[k] = *v;
      lsis.push(std::move(x));
    }
  }
  p["LocalSecondaryIndexes"] = sortedBy(lsis, "IndexName");
  if (const Value* s = t.find("StreamSpecification");
      s && common::boolLike(s->find("StreamEnabled")).value_or(false)) {
    Value x = Value::object();
    if (const Value* v = s->find("StreamViewType")) x["StreamViewType"] = *v;
    p["StreamSpecification"] = x;
  }
  Value sse = Value::object();
  const Value* sseStatus = t.findPath("SSEDescription.Status");
  bool sseOn =
      sseStatus && (sseStatus->scalarText() == "ENABLED" || sseStatus->scalarText() == "UPDATING");
  sse["SSEEnabled"] = Value(sseOn);
  if (sseOn) {
    if (const Value* v = t.findPath("SSEDescription.SSEType")) sse["SSEType"] = *v;
    if (const Value* v = t.findPath("SSEDescription.KMSMasterKeyArn")) sse["KMSMasterKeyId"] = *v;
  }
  p["SSESpecification"] = sse;
  p["DeletionProtectionEnabled"] = boolOr(t.find("DeletionProtectionEnabled"));
  if (p["DeletionProtectionEnabled"].isNull()) p["DeletionProtectionEnabled"] = Value(false);
  const Value* tc = t.findPath("TableClassSummary.TableClass");
  p["TableClass"] = tc ? *tc : Value("STANDARD");
  for (const auto& setting : kUnitsSettings) {
    const Value* v = t.find(setting.property);
    if (!v) continue;
    Value units = Value::object();
    for (const char* k : setting.fields)
      if (const Value* x = v->find(k)) units[k] = *x;
    p[setting.property] = std::move(units);
  }
  return p;
}

std::string statusOf(const Value& t) {
  const Value* s = t.find("TableStatus");
  std::string status = s ? s->scalarText() : "";
  if (!status.empty() && status != "ACTIVE") return status;
  if (const Value* g = t.find("GlobalSecondaryIndexes"); g && g->isArray())
    for (const auto& idx : g->asArray())
      if (const Value* is = idx.find("IndexStatus"); is && is->scalarText() != "ACTIVE")
        return "UPDATING";
  return "";
}

Properties normalise(const Properties& props) {
  Properties p = props;
  if (Value* a = p.find("AttributeDefinitions")) *a = sortedBy(*a, "AttributeName");
  for (const char* indexes : {"GlobalSecondaryIndexes", "LocalSecondaryIndexes"}) {
    Value* g = p.find(indexes);
    if (!g) continue;
    *g = sortedBy(*g, "IndexName");
    if (g->isArray())
      for (auto& idx : g->asArray())
        if (Value* nk =
                idx.find("Projection") ? idx.find("Projection")->find("NonKeyAttributes") : nullptr;
            nk && nk->isArray())
          std::sort(nk->asArray().begin(), nk->asArray().end(),
                    [](const Value& x, const Value& y) { return x.scalarText() < y.scalarText(); });
  }
  // A disabled TTL keeps no attribute name.
  if (Value* ttl = p.find("TimeToLiveSpecification");
      ttl && !common::boolLike(ttl->find("Enabled")).value_or(true))
    ttl->erase("AttributeName");
  // A disabled PITR keeps no recovery period.
  if (Value* pitr = p.find("PointInTimeRecoverySpecification");
      pitr && !common::boolLike(pitr->find("PointInTimeRecoveryEnabled")).value_or(true))
    pitr->erase("RecoveryPeriodInDays");
  if (Value* sse = p.find("SSESpecification");
      sse && !common::boolLike(sse->find("SSEEnabled")).value_or(true)) {
    sse->erase("SSEType");
    sse->erase("KMSMasterKeyId");
  }
  return p;
}

std::vector<Value> updateTableSteps(const Properties& desired, const Properties& live,
                                    const Delta& delta) {
  std::vector<Value> steps;
  bool provisioned = isProvisioned(desired.find("BillingMode") ? desired : live);
  if (delta.differentAt("BillingMode") || delta.differentAt("ProvisionedThroughput")) {
    Value s = Value::object();
    if (const Value* b = desired.find("BillingMode")) s["BillingMode"] = *b;
    if (const Value* t = desired.find("ProvisionedThroughput"); t && provisioned)
      s["ProvisionedThroughput"] = throughputRequest(*t);
    steps.push_back(std::move(s));
  }
  if (desired.find("GlobalSecondaryIndexes") && delta.differentAt("GlobalSecondaryIndexes")) {
    auto want = byIndexName(desired.find("GlobalSecondaryIndexes"));
    auto have = byIndexName(live.find("GlobalSecondaryIndexes"));
    auto sameShape = [&](const Value& a, const Value& b) {
      const Value* ka = a.find("KeySchema");
      const Value* kb = b.find("KeySchema");
      const Value* pa = a.find("Projection");
      const Value* pb = b.find("Projection");
      return ka && kb && canonicalJson(*ka) == canonicalJson(*kb) &&
             (!pa || (pb && equivalent(PropertySpec::json("Projection"), *pa, *pb)));
    };
    std::vector<std::string> drop, add, resize;
    for (const auto& [name, g] : have) {
      auto it = want.find(name);
      if (it == want.end() || !sameShape(it->second, g)) drop.push_back(name);
    }
    for (const auto& [name, g] : want) {
      auto it = have.find(name);
      if (it == have.end() || !sameShape(g, it->second)) {
        add.push_back(name);
      } else if (provisioned && g.find("ProvisionedThroughput")) {
        const Value* lt = it->second.find("ProvisionedThroughput");
        if (!lt || !equivalent(PropertySpec::object("ProvisionedThroughput",
                                                    {PropertySpec::integer("ReadCapacityUnits"),
                                                     PropertySpec::integer("WriteCapacityUnits")}),
                               *g.find("ProvisionedThroughput"), *lt))
          resize.push_back(name);
      }
    }
    for (const auto& name : drop) {
      Value d = Value::object();
      d["IndexName"] = Value(name);
      Value u = Value::object();
      u["Delete"] = d;
      Value s = Value::object();
      s["GlobalSecondaryIndexUpdates"] = Value(Value::Array{u});
      steps.push_back(std::move(s));
    }
    for (const auto& name : add) {
      Value u = Value::object();
      u["Create"] = gsiRequest(want[name], provisioned);
      Value s = Value::object();
      if (const Value* a = desired.find("AttributeDefinitions")) s["AttributeDefinitions"] = *a;
      s["GlobalSecondaryIndexUpdates"] = Value(Value::Array{u});
      steps.push_back(std::move(s));
    }
    for (const auto& name : resize) {
      Value x = Value::object();
      x["IndexName"] = Value(name);
      x["ProvisionedThroughput"] = throughputRequest(*want[name].find("ProvisionedThroughput"));
      Value u = Value::object();
      u["Update"] = x;
      Value s = Value::object();
      s["GlobalSecondaryIndexUpdates"] = Value(Value::Array{u});
      steps.push_back(std::move(s));
    }
  }
  if (const Value* st = desired.find("StreamSpecification");
      st && delta.differentAt("StreamSpecification")) {
    // A stream's view type cannot change in place: disable, then enable.
    if (live.find("StreamSpecification")) {
      Value s = Value::object();
      s["StreamSpecification"] = streamRequest(false, "");
      steps.push_back(std::move(s));
    }
    Value s = Value::object();
    const Value* vt = st->find("StreamViewType");
    s["StreamSpecification"] = streamRequest(true, vt ? vt->scalarText() : "");
    steps.push_back(std::move(s));
  }
  if (const Value* sse = desired.find("SSESpecification");
      sse && delta.differentAt("SSESpecification")) {
    Value s = Value::object();
    s["SSESpecification"] = sseRequest(*sse);
    steps.push_back(std::move(s));
  }
  if (const Value* tc = desired.find("TableClass"); tc && delta.differentAt("TableClass")) {
    Value s = Value::object();
    s["TableClass"] = *tc;
    steps.push_back(std::move(s));
  }
  if (const Value* dp = desired.find("DeletionProtectionEnabled");
      dp && delta.differentAt("DeletionProtectionEnabled")) {
    Value s = Value::object();
    s["DeletionProtectionEnabled"] = boolOr(dp);
    steps.push_back(std::move(s));
  }
  for (const auto& setting : kUnitsSettings) {
    const Value* v = desired.find(setting.property);
    if (!v || !delta.differentAt(setting.property)) continue;
    Value s = Value::object();
    s[setting.property] = unitsRequest(setting, *v);
    steps.push_back(std::move(s));
  }
  return steps;
}

}  // namespace driftless::dynamodb
