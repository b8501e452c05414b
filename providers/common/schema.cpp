#include "providers/common/schema.h"

#include "providers/common/cfn_schema.h"
#include "providers/common/validate.h"

namespace driftless::common {

TypeInfo typeInfo(TypeSpec spec) {
  TypeInfo t;
  t.type = std::move(spec.type);
  t.physicalNameProperty = std::move(spec.name);
  t.refAttribute = std::move(spec.ref);
  t.getAttributes = std::move(spec.attributes);
  if (!spec.manage.empty()) manage(t, {spec.manage.begin(), spec.manage.end()});
  t.taggable = spec.taggable;
  t.iamActions = std::move(spec.iam);
  t.validate = std::move(spec.validate);
  if (!spec.tagsInBulk.empty()) tagsReadInBulk(t, std::move(spec.tagsInBulk));
  return t;
}

std::vector<std::string> actions(std::string_view service,
                                 std::initializer_list<std::string_view> names) {
  std::vector<std::string> out;
  out.reserve(names.size());
  for (auto n : names)
    out.push_back(std::string(service) + ":" + std::string(n));
  return out;
}

void checkNameChars(const Properties& props, std::string_view property, std::size_t maxLength,
                    std::string_view extraChars, std::string_view rule,
                    std::vector<std::string>& out) {
  auto name = stringLike(props.find(property));
  if (name && (name->empty() || name->size() > maxLength || !onlyChars(*name, extraChars)))
    out.push_back(std::string(property) + ": \"" + *name + "\" must be " + std::string(rule));
}

void checkNameChars(const Properties& props, std::string_view property, std::size_t maxLength,
                    std::string_view extraChars, std::vector<std::string>& out) {
  std::string rule = "1 to " + std::to_string(maxLength) + " letters, digits";
  for (std::size_t i = 0; i < extraChars.size(); ++i)
    rule += (i + 1 == extraChars.size() ? " or '" : ", '") + std::string(1, extraChars[i]) + "'";
  checkNameChars(props, property, maxLength, extraChars, rule, out);
}

void tagsReadInBulk(TypeInfo& t, std::string taggingType) {
  t.taggingType = std::move(taggingType);
  t.iamActions.push_back("tag:GetResources");
}

}  // namespace driftless::common
