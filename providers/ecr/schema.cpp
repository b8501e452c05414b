#include "providers/ecr/schema.h"

#include <cctype>

#include "providers/common/cfn_schema.h"
#include "providers/common/declared.h"
#include "providers/common/schema.h"
#include "providers/common/validate.h"

namespace driftless::ecr {

namespace {

bool validName(std::string_view n) {
  if (n.size() < 2 || n.size() > 256) return false;
  char prev = '/';
  for (char c : n) {
    bool alnum =
        std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c));
    bool sep = c == '.' || c == '_' || c == '-' || c == '/';
    if (!alnum && !sep) return false;
    if (sep && !std::isalnum(static_cast<unsigned char>(prev))) return false;
    prev = c;
  }
  return std::isalnum(static_cast<unsigned char>(prev));
}

}  // namespace

// RepositoryName: 2-256 lowercase letters, digits and . _ - / (segments start
// and end with a letter or digit); KMS encryption needs no key (AWS's default)
// but AES256 takes none; LifecyclePolicyText and RepositoryPolicyText are JSON.
static std::vector<std::string> validateRepository(const Properties& props) {
  std::vector<std::string> out;
  if (auto name = common::stringLike(props.find("RepositoryName")); name && !validName(*name))
    out.push_back("RepositoryName: \"" + *name +
                  "\" must be 2 to 256 lowercase letters, digits and . _ - / (each part "
                  "starting and ending with a letter or digit)");
  if (const Value* enc = props.find("EncryptionConfiguration"); enc && enc->isObject())
    if (common::stringLike(enc->find("EncryptionType")) == "AES256" && enc->find("KmsKey"))
      out.push_back("EncryptionConfiguration.KmsKey: only with EncryptionType KMS");
  if (const Value* lc = props.find("LifecyclePolicy"); lc && lc->isObject())
    if (auto text = common::stringLike(lc->find("LifecyclePolicyText"));
        text && !Value::fromJson(*text))
      out.push_back("LifecyclePolicy.LifecyclePolicyText: must be JSON text");
  return out;
}

TypeInfo repositoryTypeInfo() {
  return common::declared("AWS::ECR::Repository", validateRepository);
}

}  // namespace driftless::ecr
