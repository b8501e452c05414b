#include "providers/dynamodb/schema.h"

#include <set>

#include "providers/common/cfn_schema.h"
#include "providers/common/declared.h"
#include "providers/common/schema.h"
#include "providers/common/validate.h"

namespace driftless::dynamodb {

constexpr std::string_view kTableType = "AWS::DynamoDB::Table";

namespace {

bool validName(std::string_view n) {
  return n.size() >= 3 && n.size() <= 255 && common::onlyChars(n, "_.-");
}

// Checks one key schema; records the attribute names it uses.
void checkKeySchema(const Value* ks, const std::string& where, const std::set<std::string>& defined,
                    std::set<std::string>& used, std::vector<std::string>& out) {
  if (!ks || !ks->isArray()) return;
  const auto& a = ks->asArray();
  if (a.empty() || a.size() > 2) {
    out.push_back(where + ": must have one HASH key and at most one RANGE key");
    return;
  }
  auto type0 = common::stringLike(a[0].find("KeyType"));
  if (type0 && *type0 != "HASH") out.push_back(where + ": the first key must be the HASH key");
  if (a.size() == 2) {
    auto type1 = common::stringLike(a[1].find("KeyType"));
    if (type1 && *type1 != "RANGE") out.push_back(where + ": the second key must be the RANGE key");
  }
  for (const auto& k : a) {
    auto name = common::stringLike(k.find("AttributeName"));
    if (!name) continue;
    used.insert(*name);
    if (!defined.contains(*name))
      out.push_back(where + ": attribute \"" + *name + "\" is not in AttributeDefinitions");
  }
}

}  // namespace

std::vector<std::string> validateTable(const Properties& props) {
  std::vector<std::string> out;
  if (auto name = common::stringLike(props.find("TableName")); name && !validName(*name))
    out.push_back("TableName: \"" + *name +
                  "\" must be 3 to 255 characters of letters, digits, '_', '-' and '.'");

  std::set<std::string> defined;
  if (const Value* defs = props.find("AttributeDefinitions"); defs && defs->isArray()) {
    for (const auto& d : defs->asArray()) {
      auto name = common::stringLike(d.find("AttributeName"));
      if (!name) continue;
      if (!defined.insert(*name).second)
        out.push_back("AttributeDefinitions: attribute \"" + *name + "\" is defined twice");
    }
  }
  std::set<std::string> used;
  checkKeySchema(props.find("KeySchema"), "KeySchema", defined, used, out);

  auto billing = common::stringLike(props.find("BillingMode")).value_or("PROVISIONED");
  bool provisioned = billing == "PROVISIONED";
  if (provisioned && !props.find("ProvisionedThroughput"))
    out.push_back(
        "ProvisionedThroughput: is required when BillingMode is PROVISIONED (the default)");
  if (!provisioned && props.find("ProvisionedThroughput"))
    out.push_back("ProvisionedThroughput: not allowed when BillingMode is PAY_PER_REQUEST");

  if (const Value* gsis = props.find("GlobalSecondaryIndexes"); gsis && gsis->isArray()) {
    std::set<std::string> names;
    for (std::size_t i = 0; i < gsis->size(); ++i) {
      const Value& g = gsis->asArray()[i];
      std::string where = "GlobalSecondaryIndexes." + std::to_string(i);
      if (auto n = common::stringLike(g.find("IndexName"))) {
        where = "GlobalSecondaryIndexes." + *n;
        if (!validName(*n))
          out.push_back(where +
                        ": IndexName must be 3 to 255 characters of letters, digits, "
                        "'_', '-' and '.'");
        if (!names.insert(*n).second) out.push_back(where + ": IndexName is used twice");
      }
      checkKeySchema(g.find("KeySchema"), where + ".KeySchema", defined, used, out);
      if (provisioned && !g.find("ProvisionedThroughput"))
        out.push_back(where +
                      ": ProvisionedThroughput is required when BillingMode is PROVISIONED");
      if (!provisioned && g.find("ProvisionedThroughput"))
        out.push_back(where +
                      ": ProvisionedThroughput not allowed when BillingMode is "
                      "PAY_PER_REQUEST");
      auto ptype = common::stringLike(g.findPath("Projection.ProjectionType"));
      if (g.findPath("Projection.NonKeyAttributes") && ptype && *ptype != "INCLUDE")
        out.push_back(where + ": Projection.NonKeyAttributes requires ProjectionType INCLUDE");
    }
  }
  for (const auto& d : defined)
    if (!used.contains(d))
      out.push_back("AttributeDefinitions: attribute \"" + d +
                    "\" is not used by KeySchema or an index (DynamoDB rejects it)");

  const Value* ttl = props.find("TimeToLiveSpecification");
  if (ttl && ttl->isObject() && common::boolLike(ttl->find("Enabled")).value_or(false) &&
      !ttl->find("AttributeName"))
    out.push_back("TimeToLiveSpecification: AttributeName is required when Enabled is true");
  if (auto sseType = common::stringLike(props.findPath("SSESpecification.SSEType"));
      props.findPath("SSESpecification.KMSMasterKeyId") && sseType && *sseType != "KMS")
    out.push_back("SSESpecification: KMSMasterKeyId requires SSEType KMS");
  common::checkRange(props.find("PointInTimeRecoverySpecification")
                         ? *props.find("PointInTimeRecoverySpecification")
                         : Value::object(),
                     "RecoveryPeriodInDays", 1, 35, out, "PointInTimeRecoverySpecification.");
  return out;
}

TypeInfo tableTypeInfo() {
  return common::declared(kTableType, validateTable);
}

}  // namespace driftless::dynamodb
